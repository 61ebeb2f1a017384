"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

// The case's sections as tabs (links, so each has its own URL and works without JavaScript).
export function CaseTabs({
  base,
  label,
  tabs,
}: {
  base: string;
  label: string;
  tabs: { segment: string; label: string }[];
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="no-print -mb-px flex gap-1 overflow-x-auto border-b border-gray-200">
      {tabs.map((tab) => {
        const href = tab.segment ? `${base}/${tab.segment}` : base;
        const active = tab.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
        return (
          <Link
            key={tab.segment}
            href={href}
            // Not prefetched: live updates refresh the page often, and each refresh would fetch
            // every tab again ahead of the refresh itself.
            prefetch={false}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-blue-700 text-blue-800" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
