// Other people's workbooks in every layout the importer supports, with its default guesses.
import { renderMessage } from "@/lib/import/messages";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import { readBook } from "@/lib/import/read";
import { importBook, MappingProblem, type ImportPreview } from "@/lib/import/workbook";
import * as W from "@/tests/fixtures/workbooks";

const today = new Date("2026-06-01T00:00:00Z");

async function preview(bytes: Uint8Array, fileName: string, options: Parameters<typeof importBook>[1] = {}) {
  return importBook(await readBook(bytes, fileName), { today, ...options });
}

function linesOf(p: ImportPreview) {
  return p.lines.map((l) => `${l.scenario} ${l.kind} ${l.category} ${l.name}: ${l.years.join(" ")}`);
}

const texts = (notes: { message: string }[]) => notes.map((n) => n.message).join("\n");

describe("a council's business case (cover sheet, merged title, sections, totals, £000)", () => {
  it("reads the table sheet, not the cover, and leaves totals and derived rows out", async () => {
    const p = await preview(await W.councilBusinessCase(), "obc.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets.map((s) => s.sheet)).toEqual(["Financial Case"]);
    expect(p.mapping.sheets[0]!.headerRow).toBe(4);
    expect(p.mapping.name).toBe("Digital Customer Services Programme - Outline Business Case");
    expect(p.mapping).toMatchObject({ currency: "GBP", scale: "1000", discountRate: "0.035", convention: "end" });
    expect(linesOf(p)).toEqual([
      "proposal cost software CRM platform licences: 0 120500 120500 124120 124120",
      "proposal cost implementation-labour Implementation partner: 350333.33 150000 0 0 0",
      "proposal cost training Staff training: 40000 10000 10000 0 0",
      "proposal benefit productivity Reduced call handling time: 0 80000 160000 200000 200000",
      "proposal benefit cost-saving Decommission legacy system: 0 0 95000 95000 95000",
    ]);
    expect(texts(p.notes)).toContain("1 amount was rounded to 2 decimals (GBP), for example 'Financial Case'!C7");
    expect(texts(p.notes)).toContain(
      "left out as totals: Total costs ('Financial Case'!A9), Total benefits ('Financial Case'!A13)",
    );
    expect(texts(p.notes)).toContain("Net benefit ('Financial Case'!A14)");
    expect(p.lines[0]!.where).toBe("'Financial Case'!A6");
  });

  it("finds the sheet's own NPV (=C14+NPV(K2,D14:G14)) and agrees with it", async () => {
    const p = await preview(await W.councilBusinessCase(), "obc.xlsx");
    const npv = p.sheetFigures.find((f) => f.what === "npv")!;
    expect(npv.where).toBe("'Financial Case'!C16");
    expect(npv.differs).toBe(false);
    expect(Math.abs(Number(npv.caseValue) - Number(npv.sheet))).toBeLessThan(1);
    expect(p.found.find((f) => f.what === "rate")!.where).toBe("'Financial Case'!K2");
  });

  it("spreads yearly amounts over their months when asked, and says why the NPV then differs", async () => {
    const first = await preview(await W.councilBusinessCase(), "obc.xlsx");
    const p = await preview(await W.councilBusinessCase(), "obc.xlsx", {
      mapping: { ...first.mapping, convention: "spread" },
    });
    expect(p.problems).toEqual([]);
    const licences = p.file!.scenarios[0]!.costs[0]!;
    expect(Object.keys(licences.schedule!)).toHaveLength(48);
    expect(licences.schedule!["1"]).toBe("10041.66");
    expect(licences.schedule!["12"]).toBe("10041.74");
    expect(p.lines[0]!.years).toEqual(first.lines[0]!.years);
    const npv = p.sheetFigures.find((f) => f.what === "npv")!;
    expect(npv.differs).toBe(true);
    expect(npv.why).toContain("spreads each year's amount over its months");
  });
});

describe("a cost-benefit analysis (calendar years, negative costs, NPV formula on another sheet's rate)", () => {
  it("takes the start from the year headers, the rate from the NPV formula's cell and costs from the sign", async () => {
    const p = await preview(await W.costBenefitAnalysis(), "cba.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping).toMatchObject({ startMonth: "2027-01", discountRate: "0.07", currency: "USD" });
    expect(p.mapping.sheets[0]!.negativeIs).toBe("sign");
    expect(linesOf(p)).toEqual([
      "proposal cost software Software subscription: 0 50000 52000 54080 56243.2",
      "proposal cost implementation-labour Consultants: 0 120000 20000 0 0",
      "proposal benefit other Fees collected online: 0 30000 90000 110000 120000",
      "proposal benefit productivity Staff time saved: 0 10000 40000 45000 45000",
    ]);
    expect(texts(p.notes)).toContain("Net cash flow (CBA!A8), NPV (CBA!A10)");
    // Yearly amounts at each year's end discount as Excel's NPV() does: the same figure.
    const npv = p.sheetFigures.find((f) => f.what === "npv")!;
    expect(npv).toMatchObject({ where: "CBA!B10", differs: false });
    expect(Math.abs(Number(npv.caseValue) - Number(npv.sheet))).toBeLessThan(0.01);
  });
});

describe("an ROI worksheet (one line per row with parameters)", () => {
  it("reads amounts, timing and escalation, rounding an Excel double to cents", async () => {
    const p = await preview(await W.roiWorksheet(), "roi.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets[0]!.layout).toBe("line-per-row");
    const [subscription, implementation] = p.file!.scenarios[0]!.costs;
    expect(subscription).toMatchObject({
      amount: "1500.12",
      recurring: "monthly",
      startMonth: 1,
      endMonth: 36,
      escalation: "0.03",
    });
    expect(implementation).toMatchObject({ amount: "80000", month: 0 });
    expect(p.file!.scenarios[0]!.benefits[0]).toMatchObject({ category: "productivity", startMonth: 4 });
    expect(p.notes[0]!.message).toContain("ROI!D4 1500.12345678901 -> 1500.12");
    expect(p.file!.horizonMonths).toBe(36);
  });
});

describe("problems in a person's words", () => {
  it("names the cell once and no field ids in a one-line-per-row sheet", async () => {
    const book = await readBook(await W.roiWorksheet(), "roi.xlsx");
    book.sheets[0]!.rows[3]![4] = { value: "fortnightly" };
    book.sheets[0]!.rows[4]![3] = { value: "lots" };
    const p = importBook(book, { today });
    expect(p.problems.map((x) => renderMessage(x))).toEqual([
      'ROI!E4: "fortnightly" is not monthly, quarterly, annual or once',
      'ROI!D5: amount: "lots" is not a number',
    ]);
    expect(p.problems.map((x) => [x.code, x.where, x.params?.field])).toEqual([
      ["notTiming", "ROI!E4", "recurring"],
      ["notNumber", "ROI!D5", "amount"],
    ]);
    // In Swedish the field is the Swedish word, never the id; the place is named once.
    expect(renderMessage(p.problems[1]!, "sv")).toBe("ROI!D5: belopp: ”lots” är inget tal");
    expect(renderMessage(p.problems[0]!, "sv")).toBe(
      "ROI!E4: ”fortnightly” är varken månadsvis, kvartalsvis, årsvis eller engång",
    );
  });
});

describe("one line per row with calendar years as its timing", () => {
  it("counts the years from the earliest as the case start", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Costs");
    ws.addRow(["Item", "Amount", "Timing", "Start", "End"]);
    ws.addRow(["Hosting", 1000, "monthly", 2027, 2029]);
    ws.addRow(["Go-live", 50000, "once", 2027, null]);
    ws.addRow(["Upgrade", 20000, null, 2029, null]);
    const p = await preview(new Uint8Array(await wb.xlsx.writeBuffer()), "costs.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.startMonth).toBe("2027-01");
    expect(
      p.file!.scenarios[0]!.costs.map((l) => [l.name, l.startMonth ?? null, l.endMonth ?? null, l.month ?? null]),
    ).toEqual([
      ["Hosting", 0, 36, null],
      ["Go-live", null, null, 0],
      ["Upgrade", null, null, 24],
    ]);
  });
});

describe("a fifteen-year appraisal", () => {
  it("keeps the ten years a case holds and says which periods it left out", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Appraisal");
    ws.addRow(["Item", ...Array.from({ length: 13 }, (_, i) => `Year ${i}`)]);
    ws.addRow(["Support", ...Array.from({ length: 13 }, () => 100)]);
    const p = await preview(new Uint8Array(await wb.xlsx.writeBuffer()), "appraisal.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.file!.horizonMonths).toBe(120);
    expect(p.lines[0]!.years).toHaveLength(11);
    expect(texts(p.notes).split("\n")).toContain(
      'left out as beyond the ten years a case holds: the amounts under "Year 11" (Appraisal!M1), "Year 12" (Appraisal!N1)',
    );
  });
});

describe("costs and benefits on sheets of their own", () => {
  it("reads both sheets, each sheet's name giving the kind", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Instructions").addRow(["Fill in the yellow cells."]);
    const costs = wb.addWorksheet("Kostnader");
    costs.addRow(["Post", "År 1", "År 2"]);
    costs.addRow(["Licenser", 100, 100]);
    costs.addRow(["Konsulter", 300, 0]);
    const benefits = wb.addWorksheet("Nyttor");
    benefits.addRow(["Post", "År 1", "År 2"]);
    benefits.addRow(["Tidsbesparing", 50, 400]);
    const p = await preview(new Uint8Array(await wb.xlsx.writeBuffer()), "kalkyl.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets.map((s) => [s.sheet, s.scenario ?? null])).toEqual([
      ["Kostnader", null],
      ["Nyttor", null],
    ]);
    expect(linesOf(p)).toEqual([
      "proposal cost software Licenser: 0 100 100",
      "proposal cost implementation-labour Konsulter: 0 300 0",
      "proposal benefit productivity Tidsbesparing: 0 50 400",
    ]);
  });
});

describe("a TCO flat list", () => {
  it("multiplies unit price by units, puts each at the start and leaves the total out", async () => {
    const p = await preview(await W.tcoList(), "tco.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets[0]!.layout).toBe("flat-list");
    expect(linesOf(p)).toEqual([
      "proposal cost hardware Laptops: 10799.88 0",
      "proposal cost hardware Server hardware: 30000 0",
      "proposal cost integration Data migration: 12000 0",
      "proposal cost training User training: 5400 0",
    ]);
    expect(p.figures[0]!.tco).toBe("58199.88");
    expect(texts(p.notes).split("\n")).toContain("left out as totals: Total (TCO!A8)");
  });
});

describe("five languages", () => {
  it("Swedish: År columns, sections Kostnader/Nyttor, tkr, Summa rows, a rate written as text", async () => {
    const p = await preview(await W.swedishCase(), "kalkyl.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping).toMatchObject({ currency: "SEK", scale: "1000", discountRate: "0.04" });
    expect(linesOf(p)).toEqual([
      "proposal cost software Licenser: 0 200000 200000 200000",
      "proposal cost implementation-labour Införande konsulter: 500000 100000 0 0",
      "proposal cost training Utbildning: 50000 20000 0 0",
      "proposal benefit productivity Tidsbesparing handläggare: 0 300000 400000 400000",
    ]);
    expect(texts(p.notes)).toContain("Summa nyttor (Kalkyl!A11)");
  });

  it("French: Année columns, scenario rows under each item (shared lines go to both)", async () => {
    const p = await preview(await W.frenchScenarioRows(), "analyse.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.scenarios).toEqual([
      { key: "scenario-a", name: "Scénario A", baseline: true },
      { key: "scenario-b", name: "Scénario B" },
    ]);
    expect(p.found.find((f) => f.what === "baseline")?.note).toContain("the first is the baseline");
    expect(linesOf(p)).toEqual([
      "scenario-a cost software Logiciel (licences): 0 10000 10000 10000",
      "scenario-a benefit productivity Économies de temps: 0 5000 15000 20000",
      "scenario-b cost software Logiciel (licences): 0 10000 10000 10000",
      "scenario-b benefit productivity Économies de temps: 0 8000 20000 30000",
    ]);
  });

  it("Chinese: 第1年 columns in two merged column groups, the status quo as baseline", async () => {
    const p = await preview(await W.chineseColumnGroups(), "测算.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.currency).toBe("CNY");
    expect(p.mapping.scenarios).toEqual([
      { key: "scenario", name: "维持现状", baseline: true },
      { key: "a", name: "方案A" },
    ]);
    expect(p.mapping.chosenScenario).toBe("a");
    expect(linesOf(p)).toEqual([
      "scenario cost software 软件许可: 0 1000 1000 1000",
      "a cost software 软件许可: 0 3000 3000 3000",
      "a cost implementation-labour 实施咨询: 0 20000 0 0",
      "a benefit revenue 销售收入增加: 0 5000 15000 20000",
    ]);
    expect(p.comparisons).toHaveLength(1);
  });

  it("a Swedish CSV with quarters, decimal commas and a Totalt row", async () => {
    const p = await preview(new TextEncoder().encode(W.csvQuarterly), "kostnader.csv");
    expect(p.problems).toEqual([]);
    expect(p.mapping).toMatchObject({ startMonth: "2027-01", currency: "SEK", name: "kostnader" });
    expect(p.file!.scenarios[0]!.costs[0]!.schedule).toEqual({
      "3": "10000.5",
      "6": "10000.5",
      "9": "10000.5",
      "12": "10000.5",
    });
    expect(texts(p.notes).split("\n")).toContain("left out as totals: Totalt (kostnader!A4)");
  });

  it("a CSV in Windows-1252 with commas", async () => {
    const text = 'Poste,Année 1,Année 2\r\nMaintenance,"1,200.50",1300\r\nFormation,500,\r\n';
    const bytes = Uint8Array.from([...text].map((ch) => (ch === "é" ? 0xe9 : ch.charCodeAt(0))));
    const p = await preview(bytes, "couts.csv");
    expect(p.problems).toEqual([]);
    expect(linesOf(p)).toEqual([
      "proposal cost support-labour Maintenance: 0 1200.5 1300",
      "proposal cost training Formation: 0 500 0",
    ]);
  });
});

describe("other layouts and scenarios", () => {
  it("periods as rows: Year | Inflows | Outflows | Net | PV", async () => {
    const p = await preview(await W.periodsAsRows(), "flows.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets[0]!.layout).toBe("periods-in-rows");
    expect(linesOf(p)).toEqual([
      "proposal cost other Outflows: 100000 10000 10000 10000",
      "proposal benefit other Inflows: 0 40000 60000 60000",
    ]);
    expect(texts(p.notes)).toContain("Net ('Cash flows'!D2), PV ('Cash flows'!E2)");
  });

  it("one sheet per scenario, skipping the read-me sheet; 'Do nothing' is the baseline", async () => {
    const p = await preview(await W.sheetPerScenario(), "options.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets.map((s) => [s.sheet, s.scenario])).toEqual([
      ["Do nothing", "do-nothing"],
      ["Option 1", "option-1"],
      ["Option 2", "option-2"],
    ]);
    expect(p.mapping.scenarios.find((s) => s.baseline)?.name).toBe("Do nothing");
    expect(p.comparisons.map((c) => c.alternative)).toEqual(["option-1", "option-2"]);
  });

  it("a chosen sheet; an unknown one is named with the sheets there are", async () => {
    const bytes = await W.sheetPerScenario();
    const p = await preview(bytes, "options.xlsx", { sheet: "Option 2" });
    expect(p.mapping.sheets.map((s) => s.sheet)).toEqual(["Option 2"]);
    await expect(preview(bytes, "options.xlsx", { sheet: "Nope" })).rejects.toThrow(
      'the workbook has no sheet "Nope" (its sheets: Read me, Do nothing, Option 1, Option 2)',
    );
  });

  it("an edited mapping: a row excluded, a category and a kind changed", async () => {
    const first = await preview(await W.councilBusinessCase(), "obc.xlsx");
    const mapping = structuredClone(first.mapping);
    const rows = mapping.sheets[0]!.rows!;
    rows.find((r) => r.row === 8)!.skip = "excluded";
    Object.assign(
      rows.find((r) => r.row === 12)!,
      { category: "other" },
    );
    const p = await preview(await W.councilBusinessCase(), "obc.xlsx", { mapping });
    expect(p.lines.map((l) => l.name)).not.toContain("Staff training");
    expect(p.lines.find((l) => l.name === "Decommission legacy system")!.category).toBe("other");
    expect(texts(p.notes)).toContain("left out as excluded by the mapping: Staff training ('Financial Case'!A8)");
  });

  it("a bad mapping is refused field by field; a text amount is named by its cell", async () => {
    const book = await readBook(await W.councilBusinessCase(), "obc.xlsx");
    expect(() => importBook(book, { mapping: { name: "" } })).toThrow(MappingProblem);
    const first = importBook(book, { today });
    book.sheets[1]!.rows[5]![3] = { value: "about 120" };
    const p = importBook(book, { mapping: first.mapping });
    expect(p.problems).toEqual([
      {
        code: "notAmount",
        params: { value: "about 120" },
        where: "'Financial Case'!D6",
        message: '"about 120" is not an amount',
      },
    ]);
    expect(p.file).toBeNull();
  });

  it("a formula saved without its value is reported by its cell", async () => {
    const book = await readBook(await W.tcoList(), "tco.xlsx");
    book.sheets[0]!.rows[3]![3] = { value: null, formula: "B4*C4" };
    delete book.sheets[0]!.rows[3]![1];
    const p = importBook(book, { today });
    expect(p.problems[0]).toEqual({
      code: "formulaNoValue",
      where: "TCO!D4",
      message: "a formula the file saved without its value: open and save the file in Excel or LibreOffice",
    });
  });

  it("a workbook without any table says so", async () => {
    const book = { fileName: "x.xlsx", sheets: [{ name: "Notes", rows: [[{ value: "Just words" }]] }] };
    expect(() => importBook(book, {})).toThrow("no sheet of this workbook has a table of amounts");
  });

  it("the imported case computes as the preview says", async () => {
    const p = await preview(await W.chineseColumnGroups(), "测算.xlsx");
    const out = computeCase(p.file!);
    expect(out.scenarios.map((s) => s.npv)).toEqual(p.figures.map((f) => f.npv));
  });

  it("year headers written as formulas, a second table with its own header, year-end dates", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Appraisal");
    ws.getCell("A1").value = "Options appraisal";
    ws.getCell("A3").value = "Costs";
    ws.getCell("B3").value = 2027;
    ws.getCell("C3").value = { formula: "B3+1", result: 2028 };
    ws.getCell("D3").value = { formula: "C3+1", result: 2029 };
    ws.addRow(["Hosting", 100, 100, 100]);
    ws.addRow(["Support contract", 50, 50, 50]);
    ws.addRow([]);
    ws.addRow(["Benefits", 2027, { formula: "B7+1", result: 2028 }, { formula: "C7+1", result: 2029 }]);
    ws.addRow(["Fewer paper forms", 0, 300, 400]);
    const p = await preview(new Uint8Array(await wb.xlsx.writeBuffer()), "appraisal.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.startMonth).toBe("2027-01");
    expect(linesOf(p)).toEqual([
      "proposal cost support-labour Hosting: 0 100 100 100",
      "proposal cost support-labour Support contract: 0 50 50 50",
      "proposal benefit other Fewer paper forms: 0 0 300 400",
    ]);

    const dated = new ExcelJS.Workbook();
    const ds = dated.addWorksheet("Plan");
    ds.addRow(["Item", new Date(Date.UTC(2026, 11, 31)), new Date(Date.UTC(2027, 11, 31))]);
    ds.addRow(["Licences", 10, 20]);
    const q = await preview(new Uint8Array(await dated.xlsx.writeBuffer()), "plan.xlsx");
    expect(q.mapping.sheets[0]!.periods.map((x) => [x.from, x.to])).toEqual([
      [1, 12],
      [13, 24],
    ]);
    expect(q.mapping.startMonth).toBe("2026-01");
  });
});
