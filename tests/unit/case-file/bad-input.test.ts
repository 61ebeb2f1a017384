import { describe, expect, it } from "vitest";
import { parseCaseFile, parseCaseFileText } from "@/lib/case-file/parse";

const base = () => ({
  format: "caseboard/v1",
  name: "Case",
  currency: "SEK",
  startMonth: "2027-01",
  horizonMonths: 36,
  discountRate: "0.1",
  scenarios: [
    {
      key: "a",
      name: "A",
      costs: [{ name: "c", category: "software", amount: "100", month: 0 }],
      benefits: [] as object[],
    },
  ],
});
const problems = (input: unknown) => {
  const r = parseCaseFile(input);
  return r.ok ? [] : r.issues;
};
const withAmount = (amount: unknown) => {
  const f = base();
  (f.scenarios[0]!.costs[0] as Record<string, unknown>).amount = amount;
  return f;
};

describe("case file: bad input is rejected with the JSON path", () => {
  it("accepts the contract's example shapes: numbers and decimal strings", () => {
    expect(parseCaseFile(withAmount(100.5)).ok).toBe(true);
    expect(parseCaseFile(withAmount("1.25e3")).ok).toBe(true);
  });

  for (const bad of [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e1000000",
    "0x1F",
    "1_000",
    "",
    " 5 ",
    null,
    "1e21",
    "12abc",
    true,
    {},
  ]) {
    it(`rejects the amount ${JSON.stringify(bad)}`, () => {
      const issues = problems(withAmount(bad));
      expect(issues.length).toBeGreaterThan(0);
      expect(issues[0]!.path).toBe("scenarios[0].costs[0].amount");
    });
  }

  it("rejects more decimals than the database holds", () => {
    expect(problems(withAmount("1.12345678901"))[0]!.message).toMatch(/more than 10 decimals/);
  });

  it("rejects negative or oversized horizons, bad months and end before start", () => {
    expect(problems({ ...base(), horizonMonths: -1 })[0]!.path).toBe("horizonMonths");
    expect(problems({ ...base(), horizonMonths: 121 })[0]!.path).toBe("horizonMonths");
    expect(problems({ ...base(), startMonth: "2023-02-31" })[0]!.path).toBe("startMonth");
    const f = base();
    f.scenarios[0]!.costs = [
      { name: "c", category: "software", amount: "1", recurring: "monthly", startMonth: 10, endMonth: 5 } as never,
    ];
    expect(problems(f).map((p) => p.path)).toContain("scenarios[0].costs[0].endMonth");
    const g = base();
    g.scenarios[0]!.costs = [{ name: "c", category: "software", amount: "1", month: 40 } as never];
    expect(problems(g)[0]!.message).toMatch(/beyond the horizon/);
  });

  it("rejects rates outside (-1, 10]", () => {
    expect(problems({ ...base(), discountRate: "-1" })[0]!.path).toBe("discountRate");
    expect(problems({ ...base(), discountRate: "10.5" })[0]!.path).toBe("discountRate");
    expect(parseCaseFile({ ...base(), discountRate: "10" }).ok).toBe(true);
  });

  it("rejects unknown fields at every level", () => {
    expect(problems({ ...base(), extra: 1 })[0]!.message).toMatch(/Unrecognized key/);
    const f = base();
    (f.scenarios[0]!.costs[0] as Record<string, unknown>).colour = "red";
    expect(problems(f)[0]!.path).toBe("scenarios[0].costs[0]");
  });

  it("lists every problem, not just the first", () => {
    const f = { ...base(), currency: "sek", horizonMonths: 0, discountRate: "NaN" };
    expect(
      problems(f)
        .map((p) => p.path)
        .sort(),
    ).toEqual(["currency", "discountRate", "horizonMonths"]);
  });

  it("needs exactly one baseline among several scenarios and unique keys", () => {
    const f = base();
    f.scenarios.push({ ...f.scenarios[0]!, name: "B" });
    const paths = problems(f).map((p) => p.path);
    expect(paths).toContain("scenarios");
    expect(paths).toContain("scenarios[1].key");
  });

  it("caps lines per scenario", () => {
    const f = base();
    f.scenarios[0]!.costs = Array.from({ length: 5001 }, () => ({
      name: "c",
      category: "software",
      amount: "1",
      month: 0,
    }));
    expect(problems(f)[0]!.path).toBe("scenarios[0].costs");
  });

  it("refuses files over the size cap and deep nesting without crashing", () => {
    const big = JSON.stringify({ ...base(), description: "x".repeat(10 * 1024 * 1024) });
    const r = parseCaseFileText(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/larger than/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const d = parseCaseFile({ ...base(), name: deep });
    expect(d.ok).toBe(false);
    const text = parseCaseFileText("{ not json");
    expect(text.ok).toBe(false);
  });

  it("keeps unicode names as typed: right-to-left, emoji, zero-width joiners, markup", () => {
    const name = "مشروع ‏CRM 👩‍💻 <script>alert(1)</script> ".repeat(3).trim();
    const r = parseCaseFile({ ...base(), name });
    expect(r.ok && r.value.name).toBe(name);
  });
});
