// The importer's default guesses on more workbooks as people publish them
// (tests/fixtures/workbooks-public.ts): fiscal-year headers without a type column, bare year
// numbers with discounted and cumulative rows, periods as rows with a "Cost savings" column, and a
// vendor's TCO with a "One-time" column. Nothing is mapped by hand: these are the defaults.
import { describe, expect, it } from "vitest";
import { readBook } from "@/lib/import/read";
import { importBook, type ImportPreview } from "@/lib/import/workbook";
import * as P from "@/tests/fixtures/workbooks-public";
import * as W from "@/tests/fixtures/workbooks";

const today = new Date("2026-06-01T00:00:00Z");

async function preview(bytes: Uint8Array, fileName: string) {
  return importBook(await readBook(bytes, fileName), { today });
}

function linesOf(p: ImportPreview) {
  return p.lines.map((l) => `${l.kind} ${l.category} ${l.name}: ${l.years.join(" ")}`);
}

describe("default guesses on published layouts", () => {
  it("a council's financial case: fiscal years, capital and revenue sections, no type column", async () => {
    const p = await preview(await P.councilFiscalYears(), "financial-case.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets.map((s) => s.sheet)).toEqual(["Financial Case"]);
    expect(p.mapping.currency).toBe("GBP");
    expect(linesOf(p).map((l) => l.split(":")[0])).toEqual([
      "cost hardware Hardware",
      "cost implementation-labour Implementation partner",
      "cost software Software licences",
      "cost training Backfill for training",
      "benefit cost-saving Cashable savings – legacy licences",
      "benefit productivity Efficiency savings – staff time",
    ]);
    const notes = p.notes.map((n) => n.message).join("\n");
    expect(notes).toContain("Total capital");
    expect(notes).toContain("Present value");
  });

  it("a course's CBA: years 0..5, discounted and cumulative rows left out, the sheet's NPV agreed", async () => {
    const p = await preview(await P.courseCba(), "cba.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.discountRate).toBe("0.1");
    expect(linesOf(p)).toEqual([
      "cost other Initial investment: 150000 0 0 0 0 0",
      "cost support-labour Annual maintenance: 0 20000 20000 20000 20000 20000",
      "cost training Training: 10000 5000 0 0 0 0",
      "benefit revenue Increased sales: 0 40000 60000 80000 80000 80000",
      "benefit cost-saving Reduced admin cost: 0 15000 15000 15000 15000 15000",
    ]);
    expect(p.notes.map((n) => n.message).join("\n")).toContain("Discounted Net Benefits (Sheet1!A16)");
    const npv = p.sheetFigures.find((f) => f.what === "npv")!;
    expect(npv.differs).toBe(false);
    expect(Math.abs(Number(npv.caseValue) - 66870.96)).toBeLessThan(0.05);
  });

  it("periods as rows: a 'Cost savings' column is a benefit, derived columns are left out", async () => {
    const p = await preview(await P.periodRowsWithSavings(), "flows.xlsx");
    expect(p.problems).toEqual([]);
    expect(linesOf(p)).toEqual([
      "cost other Capital expenditure: 200000 0 0 0 0",
      "cost other Operating costs: 0 30000 30000 31000 31000",
      "benefit cost-saving Cost savings: 0 90000 110000 120000 120000",
    ]);
    expect(p.notes.map((n) => n.message).join("\n")).toContain("Discounted cash flow");
  });

  it("a vendor's TCO: the 'One-time' column is month 0, no line is dropped", async () => {
    const p = await preview(await P.vendorTcoOneTime(), "tco.xlsx");
    expect(p.problems).toEqual([]);
    expect(linesOf(p)).toEqual([
      "cost software Subscription (120 users): 0 129600 129600 136080",
      "cost implementation-labour Implementation services: 85000 0 0 0",
      "cost integration Data migration: 22000 0 0 0",
      "cost support-labour Premier support: 0 19440 19440 20412",
      "cost support-labour Integration middleware: 5000 12000 12000 12000",
    ]);
    const total = p.lines.reduce((a, l) => a + l.years.reduce((b, y) => b + Number(y), 0), 0);
    expect(total).toBe(602572);
  });

  it("an options appraisal: each option's table on one sheet is a scenario, the do-minimum the baseline", async () => {
    const p = await preview(await P.stackedOptions(), "options.xlsx");
    expect(p.problems).toEqual([]);
    const file = p.file!;
    expect(file.scenarios.map((s) => [s.name, s.baseline === true])).toEqual([
      ["Option 1 – Do minimum", true],
      ["Option 2 – New CRM", false],
    ]);
    expect(file.scenarios[0]!.costs.map((l) => l.name)).toEqual(["Legacy support contract"]);
    expect(file.scenarios[1]!.costs.map((l) => l.name)).toEqual(["Licences", "Implementation"]);
    expect(file.scenarios[1]!.benefits.map((l) => [l.name, l.category])).toEqual([
      ["Productivity benefit", "productivity"],
    ]);
  });

  it("money typed as text: one negative year does not turn the costs into benefits", async () => {
    const p = await preview(await P.textMoneyBudget(), "budget.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.currency).toBe("USD");
    expect(linesOf(p)).toEqual([
      "cost software CRM subscription: 0 48000 49440 50923.2",
      "cost implementation-labour Implementation: 0 95000 0 0",
      "benefit revenue Revenue uplift: 0 0 120000 180000",
      "benefit retention Churn reduction: 0 0 -5000 30000",
    ]);
  });

  it("two header rows: the calendar row under 'Year 0 | Year 1' is a header, not a line", async () => {
    const p = await preview(await P.twoHeaderRows(), "model.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets.map((s) => s.sheet)).toEqual(["Model"]);
    expect(p.mapping.startMonth).toBe("2026-01");
    expect(linesOf(p)).toEqual([
      "cost software Licences: 0 240000.5 247200 254616",
      "cost implementation-labour Implementation: 400000 100000 0 0",
      "benefit productivity Time saved, sales: 0 300000 600000 650000",
    ]);
  });

  it("parameters in years: 'From year 1 To year 5' of an annual amount falls at months 12..60", async () => {
    const p = await preview(await P.parametersInYears(), "roi.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.mapping.sheets[0]!.layout).toBe("line-per-row");
    const [licences, support, setup] = p.file!.scenarios[0]!.costs;
    expect(licences).toMatchObject({
      name: "Licences",
      category: "software",
      amount: "48000",
      recurring: "annual",
      startMonth: 12,
      endMonth: 60,
      escalation: "0.03",
    });
    expect(support).toMatchObject({ category: "support-labour", startMonth: 12, endMonth: 60 });
    expect(setup).toMatchObject({ name: "Setup", amount: "80000", month: 0 });
    expect(setup!.recurring).toBeUndefined();
    expect(p.file!.scenarios[0]!.benefits[0]).toMatchObject({
      name: "Time saved",
      recurring: "annual",
      startMonth: 12,
    });
    // Five yearly amounts, each at the end of its year, growing 3 % a year.
    expect(p.lines[0]!.years).toEqual(["0", "48000", "49440", "50923.2", "52450.896", "54024.42288"]);
  });

  it("the case's language is the workbook's (its report and workbook labels follow)", async () => {
    const cases: [() => Promise<Uint8Array>, string][] = [
      [W.councilBusinessCase, "en"],
      [W.swedishCase, "sv"],
      [W.frenchScenarioRows, "fr"],
      [W.chineseColumnGroups, "zh"],
    ];
    for (const [make, locale] of cases) {
      const p = await preview(await make(), "book.xlsx");
      expect(p.mapping.locale).toBe(locale);
      expect(p.file!.locale).toBe(locale);
    }
    const nb = await preview(
      new Uint8Array(
        Buffer.from("Post;Type;År 1;År 2\nLisenser;Kostnad;100 000;103 000\nSpart tid;Gevinst;0;150 000\n"),
      ),
      "kalkyle.csv",
    );
    expect(nb.file!.locale).toBe("nb");
  });

  it("inputs among the flows are left out: an assumptions section, percentages, counts beside money", async () => {
    const book = await P.assumptionsAmongFlows();
    const model = await preview(book, "model.xlsx");
    expect(model.problems).toEqual([]);
    expect(linesOf(model).map((l) => l.split(":")[0])).toEqual([
      "cost software Licences",
      "cost support-labour Support",
      "benefit productivity Productivity",
    ]);
    expect(model.notes.map((n) => n.message).join("\n")).toContain(
      "left out as inputs rather than amounts of money (assumptions, percentages, counts): Price growth (Model!A4), Users (Model!A5)",
    );
    const budget = await importBook(await readBook(book, "model.xlsx"), { today, sheet: "Budget" });
    expect(budget.lines.map((l) => l.name)).toEqual(["CRM subscription", "Implementation", "Extra margin"]);
  });

  it("words instead of amounts (TBC, n/a) are nothing, and the notes say how many and where", async () => {
    const csv =
      "Item;Type;Year 1;Year 2;Year 3\nLicences;Cost;1000;1000;TBC\nTraining;Cost;500;n/a;\nTime saved;Benefit;2000;4000;4000\n";
    const p = await preview(new Uint8Array(Buffer.from(csv)), "plan.csv");
    expect(p.problems).toEqual([]);
    expect(linesOf(p)).toEqual([
      "cost software Licences: 0 1000 1000 0",
      "cost training Training: 0 500 0 0",
      "benefit productivity Time saved: 0 2000 4000 4000",
    ]);
    expect(p.notes.map((n) => n.message)).toContain(
      `2 cells with words instead of amounts taken as nothing, for example plan!E2 "TBC"`,
    );
  });
});
