// The importer's fast path: an amount as exact millionths is the same number numberOf reads as a
// decimal, for what spreadsheets hold (doubles, text in either writing); anything it cannot hold
// exactly goes the decimal way; and the guess and the build give the same answers either way.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { D } from "@/lib/finance/decimal";
import { applyMapping } from "@/lib/import/build";
import { guessMapping } from "@/lib/import/guess";
import { readBook } from "@/lib/import/read";
import { isNumeric, isTextCell, microOf, microText, numberOf, type SheetCell } from "@/lib/import/sheet";

const cell = (value: SheetCell["value"]): SheetCell => ({ value });

describe("millionths", () => {
  it("are numberOf's decimal exactly, or null", () => {
    const values: SheetCell["value"][] = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.2,
      0.3,
      1234.56,
      -1234.56,
      1500.12345678901,
      0.000001,
      0.0000001,
      123456789.123456,
      999999999.999999,
      1e15,
      12.5,
      1 / 3,
      2 ** 52,
      "1234,56",
      "1 250,50",
      "1,250.50",
      "(1,250)",
      "-12",
      "1,250",
      "12,250",
      "1234,567",
      "1.250",
      "1.250.000",
      "£1,250",
      "1250 kr",
      "4 %",
      "12.1234567",
      "abc",
      "Item 12",
      "",
      "−5",
      "0012",
      "-0",
      "1.",
      ".5",
    ];
    for (let i = 0; i < 2000; i++) values.push(Math.round((i * 7919) % 100003) / 100, (i * 104729) / 1000 - 500);
    for (const v of values) {
      const c = cell(v);
      const decimal = numberOf(c)?.value ?? null;
      const micro = microOf(c);
      if (micro === null) continue;
      expect(decimal, String(v)).not.toBeNull();
      expect(new D(microText(micro)).eq(decimal!), `${v}: ${microText(micro)} vs ${decimal}`).toBe(true);
      expect(Number.isSafeInteger(micro)).toBe(true);
    }
    expect(microOf(cell(1500.12345678901))).toBeNull(); // more than six decimals: decimals then
    expect(microOf(cell("4 %"))).toBeNull(); // a share: decimals
    expect(microOf(cell(1234.56))).toBe(1234560000);
    expect(microOf(cell("1 250,50"))).toBe(1250500000);
    expect(microOf(cell("1,250"))).toBe(1250000000);
    expect(microText(-1234560000)).toBe("-1234.56");
    expect(microText(1)).toBe("0.000001");
  });

  it("tell numbers from text without making decimals, as before", () => {
    for (const v of ["1234,56", "Item 1 licence", "Cost", "kr 12", "usd 5", "(3)", " 42 ", "1,5 %", "n/a", "—"]) {
      expect(isNumeric(cell(v)), v).toBe(numberOf(cell(v)) !== null);
      expect(isTextCell(cell(v)), v).toBe(v.trim() !== "" && numberOf(cell(v)) === null);
    }
  });
});

describe("the guess and the build on millionths or on decimals", () => {
  // The same sheet twice: once with amounts millionths hold, once with one amount that forces
  // decimals (seven decimals in a row that is then left out as a section-less empty line).
  async function sheet(forceDecimals: boolean) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    ws.addRow(["Item", "Year 1", "Year 2", "Year 3"]);
    ws.addRow(["Costs"]);
    ws.addRow(["Licences", 100.25, 200, 300]);
    ws.addRow(["Support", 50, 60.5, 70]);
    ws.addRow(["Subtotal", 150.25, 260.5, 370]);
    ws.addRow(["Training", -20, 0, 5]);
    ws.addRow(["Big", 123456789.12, 0, 1]);
    if (forceDecimals) ws.addRow(["Tiny", 0.0000001, 0, 0]);
    ws.addRow(["Total", 123456919.37, 260.5, 376]);
    return readBook(new Uint8Array(await wb.xlsx.writeBuffer()), "m.xlsx");
  }

  it("leave out the same rows and give the same amounts", async () => {
    const fast = await sheet(false);
    const slow = await sheet(true);
    const g1 = guessMapping(fast);
    const g2 = guessMapping(slow);
    const rows = (g: typeof g1) => g.mapping.sheets[0]!.rows!.filter((r) => r.name !== "Tiny");
    expect(rows(g1).map((r) => [r.name, r.skip ?? r.kind])).toEqual([
      ["Costs", "section"],
      ["Licences", "cost"],
      ["Support", "cost"],
      ["Subtotal", "total"],
      ["Training", "cost"],
      ["Big", "cost"],
      ["Total", "total"],
    ]);
    expect(rows(g2).map((r) => [r.name, r.skip ?? r.kind])).toEqual(rows(g1).map((r) => [r.name, r.skip ?? r.kind]));
    const b1 = applyMapping(fast, g1.mapping);
    const b2 = applyMapping(slow, g2.mapping);
    const lines = (b: typeof b1) => b.lines.filter((l) => l.name !== "Tiny").map((l) => [l.name, l.years]);
    expect(lines(b1)).toEqual(lines(b2));
    expect(lines(b1)).toContainEqual(["Big", ["0", "123456789.12", "0", "1"]]);
    expect(lines(b1)).toContainEqual(["Licences", ["0", "100.25", "200", "300"]]);
  });
});
