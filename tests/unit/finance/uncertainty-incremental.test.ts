// The incremental mode of the uncertainty engine: tornado, break-even and Monte Carlo on
// NPV(alternative) - NPV(baseline), the figure the case pages headline (computeCase's comparison),
// with the lines of both scenarios varied. Every claim is checked against computeCase on a changed
// case file, not against the engine's own algebra.
import { readFileSync } from "node:fs";
import path from "node:path";
import type Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile, CostLine, BenefitLine } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import {
  breakEven,
  headlineComparison,
  simulate,
  simulateAsync,
  SimulationAborted,
  tornado,
} from "@/lib/finance/uncertainty";

const demo = (): CaseFile => {
  const parsed = parseCaseFile(
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/demo-crm-upgrade.json"), "utf8")),
  );
  if (!parsed.ok) throw new Error("demo case invalid");
  return parsed.value;
};
const comparison = { alternative: "upgrade", baseline: "current" };
const cmpOf = (file: CaseFile) =>
  computeCase(file).comparisons.find((c) => c.alternative === "upgrade" && c.baseline === "current")!;
const near = (a: Decimal.Value, b: Decimal.Value, tol = "1e-6") => new D(a).minus(b).abs().lte(tol);

// D: the engine's 40-digit decimals (decimal.js defaults to 20).
// A copy of the file with one line's amount multiplied by `factor` (an amount line).
function scaled(
  file: CaseFile,
  scenario: string,
  kind: "costs" | "benefits",
  index: number,
  factor: Decimal.Value,
): CaseFile {
  const changed = structuredClone(file);
  const line = changed.scenarios.find((s) => s.key === scenario)![kind][index]! as CostLine | BenefitLine;
  if (line.amount === undefined) throw new Error("not an amount line");
  line.amount = new D(line.amount).times(factor).toString();
  return changed;
}

describe("incremental tornado", () => {
  it("is the default pair of the case and its base is the comparison NPV of computeCase, to the digit", () => {
    const file = demo();
    const out = computeCase(file);
    expect(headlineComparison(file)).toEqual(comparison);
    const cmp = cmpOf(file);
    const fromOutput = tornado(file, { percent: "0.2", comparison, output: out });
    const expanded = tornado(file, { percent: "0.2", comparison });
    expect(fromOutput.npv).toBe(cmp.npv);
    expect(expanded.npv).toBe(cmp.npv);
    expect(fromOutput.scenario).toBe("upgrade");
    expect(fromOutput.baseline).toBe("current");
    expect(fromOutput.bars).toEqual(expanded.bars);
    // The single-scenario mode is still there, and is a different number.
    const single = tornado(file, { percent: "0.2", scenarioKey: "upgrade", output: out });
    expect(single.npv).toBe(out.scenarios.find((s) => s.key === "upgrade")!.npv);
    expect(single.baseline).toBeUndefined();
    expect(single.npv).not.toBe(fromOutput.npv);
  });

  it("varies the lines of both scenarios, each bar labelled with its scenario", () => {
    const file = demo();
    const t = tornado(file, { comparison, output: computeCase(file) });
    const byScenario = new Map<string, Set<string>>();
    for (const b of t.bars)
      (byScenario.get(b.scenario) ?? byScenario.set(b.scenario, new Set()).get(b.scenario)!).add(b.scenarioName);
    expect([...byScenario.keys()].sort()).toEqual(["current", "upgrade"]);
    expect([...byScenario.get("current")!]).toEqual(["Keep the current CRM"]);
    expect([...byScenario.get("upgrade")!]).toEqual(["Upgrade to the cloud CRM"]);
    expect(t.bars.filter((b) => b.scenario === "current")).toHaveLength(4);
  });

  it("a baseline cost line raised by x raises the incremental NPV by PV(x) of that line", () => {
    const file = demo();
    const out = computeCase(file);
    const base = cmpOf(file);
    const licence = out.scenarios
      .find((s) => s.key === "current")!
      .lines.find((l) => l.kind === "cost" && l.index === 0)!;
    const raised = cmpOf(scaled(file, "current", "costs", 0, "1.1"));
    const pvOfX = new D(licence.pv).times("0.1");
    expect(pvOfX.gt(0)).toBe(true);
    expect(near(new D(raised.npv).minus(base.npv), pvOfX, "1e-20")).toBe(true);
    // ... which is the tornado bar's high end (and its low end the other way).
    const bar = tornado(file, { percent: "0.1", comparison, output: out }).bars.find(
      (b) => b.scenario === "current" && b.kind === "cost" && b.index === 0,
    )!;
    expect(near(bar.npvHigh, raised.npv, "1e-20")).toBe(true);
    expect(new D(bar.npvHigh).gt(bar.npvLow)).toBe(true);
    expect(near(bar.npvLow, cmpOf(scaled(file, "current", "costs", 0, "0.9")).npv, "1e-20")).toBe(true);
  });

  it("each bar's ends are the comparison's NPV and ROI recomputed with the line changed", () => {
    const file = demo();
    const t = tornado(file, { percent: "0.2", comparison, output: computeCase(file) });
    let checked = 0;
    for (const b of t.bars) {
      const line = file.scenarios.find((s) => s.key === b.scenario)![b.kind === "cost" ? "costs" : "benefits"][
        b.index
      ]!;
      if (line.amount === undefined) continue;
      for (const [factor, npv, roi] of [
        ["1.2", b.npvHigh, b.roiHigh],
        ["0.8", b.npvLow, b.roiLow],
      ] as const) {
        const c = cmpOf(scaled(file, b.scenario, b.kind === "cost" ? "costs" : "benefits", b.index, factor));
        expect(near(npv, c.npv, "1e-18"), `${b.scenario} ${b.name} ${factor}`).toBe(true);
        expect(roi === null ? c.roi === null : near(roi, c.roi!, "1e-24"), `${b.name} roi`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(6);
  });
});

describe("incremental break-even", () => {
  for (const [scenario, kind, index] of [
    ["upgrade", "benefit", 1],
    ["upgrade", "cost", 0],
    ["current", "cost", 0],
    ["current", "cost", 1],
  ] as const) {
    it(`changing ${scenario} ${kind} ${index} by the answer brings the incremental NPV to zero`, () => {
      const file = demo();
      const be = breakEven(file, { comparison, scenarioKey: scenario, kind, index });
      expect(be.npv).toBe(cmpOf(file).npv);
      expect(be.baseline).toBe("current");
      expect(be.change).not.toBeNull();
      const changed = cmpOf(
        scaled(file, scenario, kind === "cost" ? "costs" : "benefits", index, new D(1).plus(be.change!)),
      );
      expect(near(changed.npv, 0, "1e-12"), changed.npv).toBe(true);
      const line = file.scenarios.find((s) => s.key === scenario)![kind === "cost" ? "costs" : "benefits"][index]!;
      expect(be.amountAtBreakEven).toBe(new D(line.amount!).times(new D(1).plus(be.change!)).toString());
    });
  }

  it("a baseline cost must fall to break even (the upgrade pays off), an alternative cost must rise", () => {
    const file = demo();
    expect(new D(breakEven(file, { comparison, scenarioKey: "current", kind: "cost", index: 0 }).change!).lt(0)).toBe(
      true,
    );
    expect(new D(breakEven(file, { comparison, scenarioKey: "upgrade", kind: "cost", index: 0 }).change!).gt(0)).toBe(
      true,
    );
    expect(breakEven(file, { comparison, scenarioKey: "upgrade", kind: "benefit", index: 5 }).change).toBeNull(); // intangible
  });
});

describe("incremental Monte Carlo", () => {
  it("the same seed gives identical results; another seed, or the single-scenario mode, does not", () => {
    const file = demo();
    const a = simulate(file, { iterations: 4000, seed: 9, comparison });
    expect(simulate(file, { iterations: 4000, seed: 9, comparison })).toEqual(a);
    expect(simulate(file, { iterations: 4000, seed: 10, comparison })).not.toEqual(a);
    expect(a.scenario).toBe("upgrade");
    expect(a.baseline).toBe("current");
    expect(a.method).toMatch(/incremental/);
    expect(a.method).toMatch(/Float64Array/);
    const single = simulate(file, { iterations: 4000, seed: 9, scenarioKey: "upgrade" });
    expect(single.baseline).toBeUndefined();
    expect(single.npv.p50).not.toBe(a.npv.p50);
    expect(Number(a.npv.p10)).toBeLessThanOrEqual(Number(a.npv.p50));
    expect(Number(a.npv.p50)).toBeLessThanOrEqual(Number(a.npv.p90));
  });

  it("with no spread (low = likely = high on every line) P10 = P50 = P90 = the comparison NPV", () => {
    const file = structuredClone(demo());
    for (const s of file.scenarios)
      for (const l of [...s.costs, ...s.benefits] as (CostLine | BenefitLine)[]) {
        if (l.schedule || (l.amount === undefined && !l.labour)) continue;
        const likely = l.labour
          ? new D(l.labour.hours).times(l.labour.rate).times(l.labour.people).toString()
          : l.amount!;
        l.low = likely;
        l.high = likely;
      }
    const cmp = cmpOf(file);
    const r = simulate(file, { iterations: 2000, seed: 3, comparison });
    expect(r.uncertainLines).toBeGreaterThan(10);
    const expected = new D(Number(cmp.npv).toPrecision(15)).toString();
    expect(r.npv.p10).toBe(expected);
    expect(r.npv.p50).toBe(expected);
    expect(r.npv.p90).toBe(expected);
    // The mean is a float sum of 2,000 equal draws: equal up to its rounding.
    expect(Math.abs(Number(r.npv.mean) / Number(cmp.npv) - 1)).toBeLessThan(1e-12);
    expect(r.probabilityNpvPositive).toBe(new D(cmp.npv).gt(0) ? "1" : "0");
    for (const v of [r.roi.p10, r.roi.p50, r.roi.p90]) expect(near(v!, cmp.roi!, "1e-13"), v!).toBe(true);
  });

  it("a baseline line's uncertainty moves the incremental NPV the opposite way to the same line's own", () => {
    const file = structuredClone(demo());
    const licence = file.scenarios.find((s) => s.key === "current")!.costs[0]!;
    licence.low = "240000";
    licence.high = "400000"; // the current CRM's licence may only get dearer
    const only = structuredClone(file);
    for (const s of only.scenarios)
      for (const l of [...s.costs, ...s.benefits]) {
        if (l === only.scenarios[0]!.costs[0]) continue;
        delete l.low;
        delete l.high;
      }
    const r = simulate(only, { iterations: 3000, seed: 1, comparison });
    expect(r.uncertainLines).toBe(1);
    const base = Number(cmpOf(file).npv);
    expect(Number(r.npv.p10)).toBeGreaterThanOrEqual(base - 1e-6); // never worse than the likely case
    expect(Number(r.npv.p90)).toBeGreaterThan(base);
  });
});

describe("simulateAsync", () => {
  it("gives results identical to simulate() for the same inputs, whatever the chunk size", async () => {
    const file = demo();
    for (const options of [
      { iterations: 5000, seed: 7, comparison },
      { iterations: 3333, seed: 1, scenarioKey: "upgrade" },
      { iterations: 1, seed: 0, comparison },
    ]) {
      const sync = simulate(file, options);
      for (const chunk of [1_000, 777, 100_000]) {
        if (options.iterations > 1000 && chunk === 1) continue;
        expect(await simulateAsync(file, { ...options, chunk }), `chunk ${chunk}`).toEqual(sync);
      }
    }
  });

  it("reports progress after every chunk and lets the event loop run between chunks", async () => {
    const file = demo();
    const seen: number[] = [];
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const ticksAt: number[] = [];
    await simulateAsync(file, {
      iterations: 5000,
      seed: 7,
      comparison,
      chunk: 1000,
      onProgress: (done, total) => {
        expect(total).toBe(5000);
        seen.push(done);
        ticksAt.push(ticks);
      },
    });
    ticking = false;
    expect(seen).toEqual([1000, 2000, 3000, 4000, 5000]);
    // Other work ran between the chunks (the event loop was not held for the whole run).
    for (let i = 1; i < ticksAt.length; i++) expect(ticksAt[i]!).toBeGreaterThan(ticksAt[i - 1]!);
  });

  it("stops at the next chunk when its signal aborts", async () => {
    const file = demo();
    const controller = new AbortController();
    const seen: number[] = [];
    const run = simulateAsync(file, {
      iterations: 10_000,
      seed: 1,
      comparison,
      chunk: 1000,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 2000) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(SimulationAborted);
    expect(seen).toEqual([1000, 2000]);
  });
});

describe("the board report's sensitivity section", () => {
  it("uses the incremental mode when the case has a comparison: its tornado's base is the report's headline NPV", async () => {
    const { buildReportModel } = await import("@/lib/report/model");
    const file = demo();
    const out = computeCase(file);
    const model = buildReportModel(file, out, { locale: "en", generatedAt: new Date("2027-01-15") });
    const cmp = cmpOf(file);
    expect(model.risk.base).toBe(Number(cmp.npv));
    const t = tornado(file, { percent: "0.2", comparison, output: out });
    expect(model.risk.tornado.map((b) => b.name)).toEqual(
      t.bars.slice(0, 10).map((b) => `${b.name} (${b.scenarioName})`),
    );
    expect(model.risk.tornado.some((b) => b.name.endsWith("(Keep the current CRM)"))).toBe(true);
  });

  it("keeps the scenario's own NPV for a case without a baseline", async () => {
    const { buildReportModel } = await import("@/lib/report/model");
    const file = structuredClone(demo());
    file.scenarios = file.scenarios.filter((s) => s.key === "upgrade");
    file.risks = [];
    const out = computeCase(file);
    expect(out.comparisons).toEqual([]);
    const model = buildReportModel(file, out, { locale: "en", generatedAt: new Date("2027-01-15") });
    expect(model.risk.base).toBe(Number(out.scenarios[0]!.npv));
    expect(model.risk.tornado.every((b) => !b.name.includes("(Upgrade"))).toBe(true);
  });
});
