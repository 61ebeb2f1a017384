// Realisation with currencies (docs/currencies.md): actuals in the line's currency at the month's
// actual rate, and each foreign line's variance split into volume/price and currency.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chosenScenarioKey, type CaseFile } from "@/lib/case-file/schema";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { D } from "@/lib/finance/decimal";
import { caseFile } from "../../helpers/case";

describe("the variance split, hand-computed", () => {
  // 1000 USD a month from month 1, plan rate 10; through month 3 the actuals are 1100, 1000 and
  // 1200 USD at actual rates 10.5, 11 and (none recorded: the plan's) 10.
  const make = (riskAdjustment?: string) =>
    computeCase(
      caseFile({
        actualsThrough: 3,
        fx: { USD: [{ from: 0, rate: "10" }] },
        fxActuals: { USD: { "1": "10.5", "2": "11" } },
        scenarios: [
          {
            key: "a",
            name: "A",
            costs: [
              {
                name: "Licences",
                category: "software",
                currency: "USD",
                recurring: "monthly",
                amount: "1000",
                startMonth: 1,
                endMonth: 12,
                actuals: { "1": "1100", "2": "1000", "3": "1200" },
                ...(riskAdjustment ? { riskAdjustment } : {}),
              },
              { name: "Local", category: "training", amount: "500", month: 1, actuals: { "1": "600" } },
            ],
          },
        ] as never,
      }),
    ).realisation!;

  it("plan 30,000 SEK, actual 34,550: of the 4,550 overrun 1,550 is the dollar, 3,000 volume and price", () => {
    const r = make();
    const usd = r.lines.find((l) => l.name === "Licences")!;
    expect(usd).toMatchObject({
      currency: "USD",
      planToDate: "30000",
      actualToDate: "34550", // 1100 x 10.5 + 1000 x 11 + 1200 x 10
      variance: "4550",
      currencyVariance: "1550", // 1100 x 0.5 + 1000 x 1 + 1200 x 0
      volumeVariance: "3000", // (100 + 0 + 200) x 10
    });
    const local = r.lines.find((l) => l.name === "Local")!;
    expect(local.variance).toBe("100");
    expect(local.currencyVariance).toBeUndefined();
    expect(r.variance.cost).toBe("4650");
    expect(r.currencyVariance).toEqual({ cost: "1550", benefit: "0", net: "-1550" });
    // The forecast takes the converted actuals.
    expect(r.forecast.months[1]!.cost).toBe("12150"); // 11550 + 600
  });

  it("the plan amount is risk-adjusted in the line's currency: 1100 USD a month", () => {
    const usd = make("0.1").lines.find((l) => l.name === "Licences")!;
    expect(usd).toMatchObject({
      planToDate: "33000",
      variance: "1550",
      currencyVariance: "1550",
      volumeVariance: "0", // (0 - 100 + 100) x 10
    });
  });
});

// Every fixture with some lines of its chosen scenario put in USD or EUR, random dated plan rates,
// random actual amounts and actual rates: the two parts sum to the variance exactly, and each is
// its definition (docs/currencies.md), month by month.
const FIXTURES = path.join(process.cwd(), "tests/fixtures/cases");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f, json: JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as Record<string, unknown> }));

const rate = fc.integer({ min: 1, max: 200_000 }).map((n) => new D(n).div(10_000).toString());

describe("the split sums to the variance on every fixture (fast-check)", () => {
  for (const { name, json } of fixtures) {
    it(name, () => {
      fc.assert(
        fc.property(
          fc.record({
            pick: fc.array(fc.constantFrom<"USD" | "EUR" | null>("USD", "EUR", null), { minLength: 30, maxLength: 30 }),
            through: fc.integer({ min: 0, max: 24 }),
            steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 36 }), rate), { maxLength: 3 }),
            first: fc.tuple(rate, rate),
            amounts: fc.array(fc.integer({ min: -5000, max: 90_000 }), { minLength: 25, maxLength: 25 }),
            actualRates: fc.array(fc.option(rate), { minLength: 25, maxLength: 25 }),
          }),
          ({ pick, through, steps, first, amounts, actualRates }) => {
            const file = structuredClone(json) as Record<string, unknown> & {
              horizonMonths: number;
              currency: string;
              scenarios: { key: string; costs: Record<string, unknown>[]; benefits: Record<string, unknown>[] }[];
            };
            const A = Math.min(through, file.horizonMonths);
            file.actualsThrough = A;
            const key = chosenScenarioKey(file as never);
            const months = [...new Set(steps.map(([m]) => Math.min(m, file.horizonMonths)))].sort((a, b) => a - b);
            const table = (r0: string) => [
              { from: 0, rate: r0 },
              ...months.map((m, i) => ({ from: m, rate: steps[i]![1] })),
            ];
            // Two currencies other than the case's own.
            const [X, Y] = ["USD", "EUR", "JPY"].filter((c) => c !== file.currency) as [string, string];
            file.fx = { [X]: table(first[0]), [Y]: table(first[1]) };
            const recordedRates = (offset: number) =>
              Object.fromEntries(
                actualRates
                  .map((r, m) => [String(m), actualRates[(m + offset) % 25] ?? r] as const)
                  .filter(([m, r]) => r !== null && Number(m) <= A),
              );
            file.fxActuals = { [X]: recordedRates(0), [Y]: recordedRates(7) };
            let n = 0;
            for (const s of file.scenarios) {
              for (const line of [...(s.costs ?? []), ...(s.benefits ?? [])]) {
                delete line.actuals;
                if (s.key !== key || line.tangible === false) continue;
                const c = pick[n++ % pick.length];
                if (c) line.currency = c === "USD" ? X : Y;
                const rec: Record<string, string> = {};
                for (let m = 0; m <= A; m++) if ((m + n) % 3 !== 0) rec[String(m)] = String(amounts[(m + n) % 25]);
                line.actuals = rec;
              }
            }
            const parsed = parseCaseFile(file);
            if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
            const r = computeCase(parsed.value).realisation!;
            const scenario = parsed.value.scenarios.find((s) => s.key === key)!;
            for (const line of r.lines) {
              if (line.currency === undefined) continue;
              // Exact: the two parts sum to the variance to the last digit.
              expect(exactSum(line.volumeVariance!, line.currencyVariance!), JSON.stringify(line)).toBe(line.variance);
              const source = [...scenario.costs, ...scenario.benefits].find((l) => l.id === line.id)!;
              const expected = currencyPart(parsed.value, source, line.currency, A);
              expect(new D(line.currencyVariance!).minus(expected).abs().lte("1e-20"), `${expected}`).toBe(true);
            }
          },
        ),
        { numRuns: 15, seed: 22 },
      );
    });
  }
});

const Exact = D.clone({ precision: 200 });
const exactSum = (a: string, b: string) => new Exact(a).plus(b).toString();

// sum over recorded months of actual (with the margin) x (actual rate - plan rate), by hand.
function currencyPart(
  file: CaseFile,
  line: { actuals?: Record<string, string>; margin?: string },
  cur: string,
  A: number,
) {
  const table = file.fx![cur]!;
  const planRate = (m: number) => new D([...table].reverse().find((s) => s.from <= m)!.rate);
  const margin = new D(line.margin ?? 1);
  let total = new D(0);
  for (const [k, v] of Object.entries(line.actuals ?? {})) {
    const m = Number(k);
    if (m > A) continue;
    const actualRate = file.fxActuals?.[cur]?.[k] !== undefined ? new D(file.fxActuals[cur][k]) : planRate(m);
    total = total.plus(new D(v).times(margin).times(actualRate.minus(planRate(m))));
  }
  return total;
}
