// A chart legend as a plain list (Tremor's own legend markup fails axe's list rules).
const SWATCH: Record<string, string> = {
  amber: "bg-amber-500",
  teal: "bg-teal-600",
  blue: "bg-blue-600",
  gray: "bg-gray-500",
  rose: "bg-rose-600",
};

export function ChartLegend({ items }: { items: { label: string; color: string; shape?: "square" | "dot" }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1.5">
          <span
            aria-hidden
            className={`inline-block h-2.5 w-2.5 ${i.shape === "dot" ? "rounded-full" : "rounded-sm"} ${SWATCH[i.color] ?? "bg-gray-500"}`}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
