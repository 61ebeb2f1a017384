// The figures digest (lib/live/digest.ts) the server answers a line edit with: the same text gives
// the same digest, any change of a figure gives another.
import { describe, expect, it } from "vitest";
import { figuresDigest } from "../../../lib/live/digest";
import { computeCase } from "../../../lib/finance/compute";
import { syntheticCase } from "../../../bench/engine-cases";
import { mapLineById } from "../../../lib/case-file/line";

describe("figures digest", () => {
  it("is 16 hex digits, equal for equal text, different when one digit of one figure differs", () => {
    const file = syntheticCase(40, 36, 2);
    const json = JSON.stringify(computeCase(file));
    expect(figuresDigest(json)).toMatch(/^[0-9a-f]{16}$/);
    expect(figuresDigest(json)).toBe(figuresDigest(JSON.stringify(JSON.parse(json))));
    const id = file.scenarios[0]!.costs[0]!.id!;
    const other = JSON.stringify(
      computeCase(mapLineById(file, id, (l) => ({ ...l, amount: String(Number(l.amount) + 1) }))!),
    );
    expect(other).not.toBe(json);
    expect(figuresDigest(other)).not.toBe(figuresDigest(json));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(figuresDigest(json.replace(/"npv":"(-?\d)/, `"npv":"${i}$1`)));
    expect(seen.size).toBe(2000);
  });
});
