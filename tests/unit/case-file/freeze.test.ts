// Case files are frozen outside production (lib/case-file/freeze.ts), because the engine keeps each
// line's and scenario's results by object: a line changed in place would be answered with its old
// figures. Here a change in place throws, on a parsed file and on a file the engine was handed
// directly, while the edit the app makes (a new line object through mapLineById) works and computes
// the new figures; under NODE_ENV=production nothing is frozen.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mapLineById } from "@/lib/case-file/line";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/cases", name), "utf8"));

function parsed(name: string): CaseFile {
  const result = parseCaseFile(fixture(name));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("case files are frozen outside production", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("a parsed file refuses a change in place, at every depth", () => {
    const file = parsed("crm-implementation.json");
    const line = file.scenarios[0]!.costs[0]!;
    expect(Object.isFrozen(file)).toBe(true);
    expect(() => {
      (line as { amount?: string }).amount = "1";
    }).toThrow(TypeError);
    expect(() => file.scenarios[0]!.costs.push({ ...line, id: "another" })).toThrow(TypeError);
    expect(() => {
      (file as { horizonMonths: number }).horizonMonths = 12;
    }).toThrow(TypeError);
    expect(() => {
      (file.risks as unknown[]).length = 0;
    }).toThrow(TypeError);
  });

  it("a file handed to the engine unparsed is frozen by the engine, so the memo cannot go stale", () => {
    const file = structuredClone(parsed("crm-upgrade.json"));
    expect(Object.isFrozen(file.scenarios[0]!.costs[0]!)).toBe(false);
    const before = computeCase(file);
    const line = file.scenarios[0]!.costs[0]!;
    expect(() => {
      (line as { amount?: string }).amount = "123456";
    }).toThrow(TypeError);
    // Nothing changed, so the figures are the same as before.
    expect(computeCase(file)).toEqual(before);
  });

  it("an edit as the app makes it (a new line object) computes the new figures", () => {
    const file = parsed("crm-upgrade.json");
    const before = computeCase(file);
    const id = file.scenarios[0]!.costs[0]!.id!;
    const edited = mapLineById(file, id, (l) => ({ ...l, amount: "999999" }))!;
    const after = computeCase(edited);
    expect(after.scenarios[0]!.npv).not.toBe(before.scenarios[0]!.npv);
    expect(after).toEqual(computeCase(structuredClone(edited)));
  });

  it("under NODE_ENV=production nothing is frozen", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.resetModules();
    const { parseCaseFile: parseInProduction } = await import("@/lib/case-file/parse");
    const result = parseInProduction(fixture("crm-implementation.json"));
    if (!result.ok) throw new Error("the fixture parses");
    expect(Object.isFrozen(result.value)).toBe(false);
    expect(Object.isFrozen(result.value.scenarios[0]!.costs[0]!)).toBe(false);
  });
});
