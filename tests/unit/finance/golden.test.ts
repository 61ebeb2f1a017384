// The engine's outputs may not change by a digit when its internals do (faster compute
// with identical results). tests/fixtures/golden holds what the engine computed before: the whole
// output of every fixture case, and SHA-256 digests (per scenario, comparison and uncertainty
// figure) of 150 generated case files and three benchmark-sized synthetic cases.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  GOLDEN_DIR,
  digests,
  fixtureInputs,
  generatedFile,
  goldenOutputs,
  keyPaths,
  parsed,
  project,
  type GeneratedInput,
} from "./golden-cases";

describe("golden outputs: the engine's results are byte-identical to the recorded ones", { timeout: 120_000 }, () => {
  for (const { name, input } of fixtureInputs()) {
    it(`fixture ${name}`, () => {
      const golden = readFileSync(path.join(GOLDEN_DIR, `${name}.json`), "utf8").trim();
      const known = keyPaths(JSON.parse(golden));
      const actual = project(goldenOutputs(parsed(input)), known) as Record<string, unknown>;
      const expected = JSON.parse(golden) as Record<string, unknown>;
      // Part by part first, so a difference names its place; then the exact string.
      for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
      expect(JSON.stringify(actual)).toBe(golden);
    });
  }

  it("150 generated case files and 3 synthetic cases", () => {
    const golden = JSON.parse(readFileSync(path.join(GOLDEN_DIR, "generated.json"), "utf8")) as {
      keyPaths: string[];
      cases: { input: GeneratedInput; digests: Record<string, string> }[];
    };
    expect(golden.cases.length).toBe(153);
    const known = new Set(golden.keyPaths);
    golden.cases.forEach(({ input, digests: expected }, i) => {
      expect(
        digests(goldenOutputs(generatedFile(input)), known),
        `case ${i}: ${JSON.stringify(input).slice(0, 200)}`,
      ).toEqual(expected);
    });
  });
});
