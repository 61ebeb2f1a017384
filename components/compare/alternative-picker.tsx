"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

// The alternative shown against the baseline, kept in the URL (?alt=<key>) so a comparison can
// be linked to and the back button works.
export function AlternativePicker({
  label,
  value,
  options,
}: {
  label: string;
  value: string;
  options: { key: string; name: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="compare-alternative" className="font-medium text-gray-800">
        {label}
      </label>
      <select
        id="compare-alternative"
        value={value}
        aria-busy={pending || undefined}
        onChange={(e) => {
          const next = new URLSearchParams(params.toString());
          next.set("alt", e.target.value);
          start(() => router.push(`${pathname}?${next.toString()}`, { scroll: false }));
        }}
        className="max-w-xs rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30"
      >
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
