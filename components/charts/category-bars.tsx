"use client";
import { BarList } from "@tremor/react";

export function CategoryBars({ items, locale, currency, color }: { items: { name: string; value: string }[]; locale: string; currency: string; color: "amber" | "teal" }) {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  return <BarList data={items.map((i) => ({ name: i.name, value: Number(i.value) }))} valueFormatter={(v: number) => fmt.format(v)} color={color} />;
}
