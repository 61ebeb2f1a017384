// Period headers in the five languages and the case months they cover.
import { describe, expect, it } from "vitest";
import { parsePeriod, periodAxis, periodColumns } from "@/lib/import/periods";
import { numberOf } from "@/lib/import/sheet";

describe("parsePeriod", () => {
  it.each([
    ["Year 0", { kind: "initial" }],
    ["Initial", { kind: "initial" }],
    ["Year 3", { kind: "index", unit: "year", n: 3 }],
    ["År 2", { kind: "index", unit: "year", n: 2 }],
    ["Année 1", { kind: "index", unit: "year", n: 1 }],
    ["第1年", { kind: "index", unit: "year", n: 1 }],
    ["Month 7", { kind: "index", unit: "month", n: 7 }],
    ["2027", { kind: "calendar", unit: "year", year: 2027, part: 1 }],
    ["FY27", { kind: "calendar", unit: "year", year: 2026, part: 1 }],
    ["FY 2026/27", { kind: "calendar", unit: "year", year: 2026, part: 1 }],
    ["2027年", { kind: "calendar", unit: "year", year: 2027, part: 1 }],
    ["Q3 2027", { kind: "calendar", unit: "quarter", year: 2027, part: 3 }],
    ["2027 Q1", { kind: "calendar", unit: "quarter", year: 2027, part: 1 }],
    ["K2 2027", { kind: "calendar", unit: "quarter", year: 2027, part: 2 }],
    ["2027年第4季度", { kind: "calendar", unit: "quarter", year: 2027, part: 4 }],
    ["Jan 2027", { kind: "calendar", unit: "month", year: 2027, part: 1 }],
    ["janv. 2027", { kind: "calendar", unit: "month", year: 2027, part: 1 }],
    ["maj-27", { kind: "calendar", unit: "month", year: 2027, part: 5 }],
    ["2027-11", { kind: "calendar", unit: "month", year: 2027, part: 11 }],
    ["2027年3月", { kind: "calendar", unit: "month", year: 2027, part: 3 }],
    ["Total", null],
    ["Licences", null],
  ])("%s", (text, expected) => expect(parsePeriod(text)).toEqual(expected));

  it("reads a date cell as its month and a bare year number as a calendar year", () => {
    expect(parsePeriod(new Date("2027-03-01T00:00:00Z"))).toEqual({
      kind: "calendar",
      unit: "month",
      year: 2027,
      part: 3,
    });
    expect(parsePeriod(2030)).toEqual({ kind: "calendar", unit: "year", year: 2030, part: 1 });
  });
});

describe("periodAxis", () => {
  it("puts year k at months 12k-11..12k and year 0 at month 0", () => {
    const axis = periodAxis(["Year 0", "Year 1", "Year 2"].map((t) => parsePeriod(t)!));
    expect(axis.spans).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 12 },
      { from: 13, to: 24 },
    ]);
  });

  it("starts the case at the first calendar period; quarters cover three months", () => {
    const axis = periodAxis(["Q3 2027", "Q4 2027", "Q1 2028"].map((t) => parsePeriod(t)!));
    expect(axis.startMonth).toBe("2027-07");
    expect(axis.spans).toEqual([
      { from: 1, to: 3 },
      { from: 4, to: 6 },
      { from: 7, to: 9 },
    ]);
  });

  it("treats the first calendar year as year 0 when the sheet's NPV formula does", () => {
    const axis = periodAxis(
      [2026, 2027, 2028].map((y) => parsePeriod(y)!),
      true,
    );
    expect(axis.spans).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 12 },
      { from: 13, to: 24 },
    ]);
  });
});

describe("periodColumns", () => {
  it("takes a run of small numbers as years only when consecutive", () => {
    expect([...periodColumns(["Item", 0, 1, 2, 3, "Total"]).keys()]).toEqual([1, 2, 3, 4]);
    expect(periodColumns(["Item", 0, 1, 2, 3]).get(1)).toEqual({ kind: "initial" });
    expect(periodColumns(["Item", 5, 17, 3]).size).toBe(0);
  });
});

describe("numberOf", () => {
  it.each([
    ["1 250,50", "1250.5"],
    ["1,250.50", "1250.5"],
    ["1.250,50", "1250.5"],
    ["12,5", "12.5"],
    ["1,250", "1250"],
    ["£1,250", "1250"],
    ["(1,250)", "-1250"],
    ["-300 kr", "-300"],
    ["4 %", "0.04"],
  ])("%s", (text, value) => expect(numberOf({ value: text })!.value.toString()).toBe(value));

  it("keeps a double's 15 digits and refuses words", () => {
    expect(numberOf({ value: 0.1 + 0.2 })!.value.toString()).toBe("0.3");
    expect(numberOf({ value: "Financial case (£000)" })).toBeNull();
    expect(numberOf({ value: "-" })).toBeNull();
  });
});
