// docs/finance.md's worked example is the engine's own answer: the case file in its JSON block is
// computed here and every figure in its table must equal the compute output, rounded half-even to
// the decimals the table shows (and the unadjusted NPV the text gives).
import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";

const page = readFileSync(path.join(process.cwd(), "docs/finance.md"), "utf8");
const section = page.slice(page.indexOf("## A worked example"), page.indexOf("## Spreadsheet functions"));

const rounded = (value: string, shown: string) => {
  const places = shown.includes(".") ? shown.split(".")[1]!.length : 0;
  return new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places);
};

describe("docs/finance.md, the worked example", () => {
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  const rows = [...section.matchAll(/^\| `(\w+)`\s*\|\s*([-0-9.]+)\s*\|$/gm)].map((m) => [m[1]!, m[2]!] as const);

  it("has a case file and a table of figures", () => {
    expect(json).toBeDefined();
    expect(rows.length).toBeGreaterThanOrEqual(14);
  });

  it("every figure in the table is the engine's, as rounded", () => {
    const parsed = parseCaseFile(JSON.parse(json!));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const scenario = computeCase(parsed.value).scenarios[0]!;
    for (const [key, shown] of rows) {
      const value = scenario[key as keyof typeof scenario];
      expect(typeof value, key).toBe("string");
      expect(`${key} ${rounded(value as string, shown)}`).toBe(`${key} ${shown}`);
    }
    const unadjusted = /NPV is\s+([0-9,]+\.[0-9]+)/.exec(section)?.[1]?.replace(/,/g, "");
    expect(unadjusted).toBeDefined();
    expect(rounded(scenario.unadjusted.npv, unadjusted!)).toBe(unadjusted);
  });
});
