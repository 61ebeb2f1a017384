"use client";
import { useTranslations } from "next-intl";

// A one-line hint under a line's category: what belongs in it and, where the seed articles give
// one, a rule of thumb (messages/<locale>/hints.json). Renders nothing for a key without a hint.
export function CategoryHint({ kind, category }: { kind: "cost" | "benefit"; category: string }) {
  const t = useTranslations("hints");
  const key = `${kind}.${category}`;
  if (!category || !t.has(key)) return null;
  return <p className="mt-1 text-xs text-gray-600">{t(key)}</p>;
}
