"use client";
import { memo, useMemo } from "react";
import { toFileLine, type LineDTO } from "@/lib/case-file/line";
import { barHeights, monthlyShape } from "./shape";

// The line's monthly shape in its grid row (decorative: the timing column says the same in words).
export const Sparkline = memo(function Sparkline({ line, horizon }: { line: LineDTO; horizon: number }) {
  const bars = useMemo(() => {
    const shape = monthlyShape(toFileLine(line) as unknown as Record<string, unknown>, line.kind, horizon);
    return shape ? barHeights(shape, 16) : [];
  }, [line, horizon]);
  const w = 96;
  const bw = w / (horizon + 1);
  return (
    <svg
      aria-hidden
      viewBox={`0 0 ${w} 18`}
      className="h-[18px] w-full max-w-24"
      preserveAspectRatio="none"
      data-testid="sparkline"
    >
      <line x1={0} x2={w} y1={17.5} y2={17.5} stroke="#d1d5db" strokeWidth={1} />
      {bars.map((bar, m) =>
        bar === 0 ? null : (
          <rect
            key={m}
            x={m * bw}
            width={Math.max(bw - 0.3, 0.4)}
            y={17 - bar}
            height={bar}
            fill={line.kind === "cost" ? "#b45309" : "#0f766e"}
          />
        ),
      )}
    </svg>
  );
});
