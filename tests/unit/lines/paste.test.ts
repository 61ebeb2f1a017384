import { describe, expect, it } from "vitest";
import { BENEFIT_CATEGORIES, COST_CATEGORIES } from "@/lib/case-file/categories";
import { benefitLineSchema, costLineSchema } from "@/lib/case-file/schema";
import { MAX_PASTE_ROWS, parsePastedLines, readAmount, splitTsv, type PasteOptions } from "@/lib/lines/paste";

const cost = (locale: string, extra: Partial<PasteOptions> = {}): PasteOptions => ({
  locale,
  kind: "cost",
  horizon: 36,
  defaultCategory: "other",
  categories: COST_CATEGORIES,
  categoryLabels: { software: "Programvara", hardware: "Hårdvara", training: "Utbildning", other: "Övrigt" },
  ...extra,
});

// Every line the parser returns is a valid case-file line.
function expectValid(lines: unknown[], kind: "cost" | "benefit" = "cost") {
  for (const line of lines) {
    const r = (kind === "cost" ? costLineSchema : benefitLineSchema).safeParse(line);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  }
}

describe("parsePastedLines", () => {
  it("reads Excel TSV in English with a header row, CRLF line ends and a trailing newline", () => {
    const text =
      "Name\tAmount\tCategory\tTiming\tFrom\tTo\r\nLicences\t1,250.50\tsoftware\tmonthly\t1\t24\r\nServers\t$80,000\thardware\tonce\t2\t\r\nSupport\t12000\t\tannual\t\t\r\n";
    const r = parsePastedLines(text, cost("en"));
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      { name: "Licences", category: "software", amount: "1250.5", recurring: "monthly", startMonth: 1, endMonth: 24 },
      { name: "Servers", category: "hardware", amount: "80000", month: 2 },
      { name: "Support", category: "other", amount: "12000", recurring: "annual", startMonth: 1, endMonth: 36 },
    ]);
    expect(r.rows).toEqual([2, 3, 4]);
    expectValid(r.lines);
  });

  it("reads Swedish numbers (spaces, no-break spaces, decimal comma) and currency signs", () => {
    const text =
      "Namn\tBelopp\nLicenser\t1 250,50 kr\nServrar\t80\u00a0000 SEK\nKonsult\t−2 500\nRabatt\t(1 000,00)\nKaffe\t100:-\nPlain\t1250.5\n";
    const r = parsePastedLines(text, cost("sv"));
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => l.amount)).toEqual(["1250.5", "80000", "-2500", "-1000", "100", "1250.5"]);
    expect(r.lines[0]).toEqual({
      name: "Licenser",
      category: "other",
      amount: "1250.5",
      recurring: "monthly",
      startMonth: 1,
      endMonth: 36,
    });
    expectValid(r.lines);
  });

  it("reads French (narrow no-break space) and euro signs", () => {
    const r = parsePastedLines("Nom\tMontant\nLogiciel\t1\u202f250,50 €\nMatériel\t€ 300\n", cost("fr"));
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => l.amount)).toEqual(["1250.5", "300"]);
  });

  it("refuses a grouping that does not fit the locale rather than guessing", () => {
    expect(readAmount("1,250.50", "sv")).toEqual({ ok: false, code: "amountInvalid" });
    expect(readAmount("1.250,50", "en")).toEqual({ ok: false, code: "amountInvalid" });
    expect(readAmount("1250,5", "en")).toEqual({ ok: false, code: "amountInvalid" });
    expect(readAmount("1.250,50", "sv")).toEqual({ ok: true, value: "1250.5" });
    expect(readAmount("1e16", "en")).toEqual({ ok: false, code: "amountInvalid" });
    expect(readAmount("2000000000000000", "en")).toEqual({ ok: false, code: "amountOutOfRange" });
    expect(readAmount("0.00000000001", "en")).toEqual({ ok: false, code: "amountOutOfRange" });
    expect(readAmount("-0", "en")).toEqual({ ok: true, value: "0" });
  });

  it("skips only a header-looking first row; a first row with a bad amount is a problem", () => {
    expect(parsePastedLines("名称\t金额\n许可证\t1,000\n", cost("zh")).lines).toHaveLength(1);
    expect(parsePastedLines("Item\tAmount (SEK)\nA\t1\n", cost("en")).lines).toHaveLength(1);
    const r = parsePastedLines("Licences\tabc\nServers\t100\n", cost("en"));
    expect(r.lines).toHaveLength(1);
    expect(r.problems).toEqual([
      { row: 1, column: "amount", code: "amountInvalid", value: "abc", message: '"abc" is not an amount' },
    ]);
  });

  it("reports a bad amount with its row (empty rows still count) and keeps the other rows", () => {
    const r = parsePastedLines("Name\tAmount\nA\t100\n\n\t\nB\t12,5x\nC\t\n\t50\n", cost("en"));
    expect(r.lines.map((l) => l.name)).toEqual(["A"]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [5, "amount", "amountInvalid"],
      [6, "amount", "amountMissing"],
      [7, "name", "nameMissing"],
    ]);
  });

  it("finds the category by key or by its label in any case, else the default", () => {
    const r = parsePastedLines(
      "a\t1\tSOFTWARE\nb\t1\tprogramvara\nc\t1\tUTBILDNING\nd\t1\tSomething else\ne\t1\trevenue\n",
      cost("sv"),
    );
    expect(r.lines.map((l) => l.category)).toEqual(["software", "software", "training", "other", "other"]);
    const b = parsePastedLines("a\t1\tIntäkter\nb\t1\n", {
      locale: "sv",
      kind: "benefit",
      horizon: 24,
      defaultCategory: "productivity",
      categories: BENEFIT_CATEGORIES,
      categoryLabels: { revenue: "Intäkter" },
    });
    expect(b.lines.map((l) => l.category)).toEqual(["revenue", "productivity"]);
    expectValid(b.lines, "benefit");
  });

  it("reads timing words in every language", () => {
    const words: [string, string][] = [
      ["once", "once"],
      ["One-time", "once"],
      ["engång", "once"],
      ["engang", "once"],
      ["ponctuel", "once"],
      ["一次性", "once"],
      ["monthly", "monthly"],
      ["Månadsvis", "monthly"],
      ["månedlig", "monthly"],
      ["mensuel", "monthly"],
      ["每月", "monthly"],
      ["quarterly", "quarterly"],
      ["kvartalsvis", "quarterly"],
      ["Trimestriel", "quarterly"],
      ["每季度", "quarterly"],
      ["annual", "annual"],
      ["yearly", "annual"],
      ["årligen", "annual"],
      ["årlig", "annual"],
      ["annuel", "annual"],
      ["每年", "annual"],
    ];
    const r = parsePastedLines(words.map(([w], i) => `L${i}\t1\t\t${w}`).join("\n"), cost("en"));
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => ("month" in l ? "once" : l.recurring))).toEqual(words.map(([, t]) => t));
    expectValid(r.lines);
  });

  it("checks timing and months against the horizon", () => {
    const r = parsePastedLines(
      "a\t1\t\tweekly\nb\t1\t\tmonthly\t5\t40\nc\t1\t\tmonthly\t10\t3\nd\t1\t\tonce\t36\ne\t1\t\tmonthly\t1.5\n",
      cost("en"),
    );
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, "timing", "timingUnknown"],
      [2, "endMonth", "monthInvalid"],
      [3, "endMonth", "monthOrder"],
      [5, "startMonth", "monthInvalid"],
    ]);
    expect(r.lines).toEqual([{ name: "d", category: "other", amount: "1", month: 36 }]);
    expect(r.problems[1]!.max).toBe(36);
  });

  it("caps a paste at MAX_PASTE_ROWS rows", () => {
    const ok = parsePastedLines(Array.from({ length: MAX_PASTE_ROWS }, (_, i) => `L${i}\t${i}`).join("\n"), cost("en"));
    expect(ok.lines).toHaveLength(MAX_PASTE_ROWS);
    expect(ok.problems).toEqual([]);
    const over = parsePastedLines(
      "Name\tAmount\n" + Array.from({ length: MAX_PASTE_ROWS + 3 }, (_, i) => `L${i}\t${i}`).join("\n"),
      cost("en"),
    );
    expect(over.lines).toHaveLength(MAX_PASTE_ROWS);
    expect(over.problems).toEqual([
      {
        row: MAX_PASTE_ROWS + 2,
        code: "tooManyRows",
        max: MAX_PASTE_ROWS,
        message: `at most ${MAX_PASTE_ROWS} rows can be pasted at once`,
      },
    ]);
  });

  it("returns nothing for empty or blank text", () => {
    expect(parsePastedLines("", cost("en"))).toEqual({ lines: [], rows: [], problems: [] });
    expect(parsePastedLines("\n\t\n  \r\n", cost("en"))).toEqual({ lines: [], rows: [], problems: [] });
  });
});

describe("splitTsv", () => {
  it("keeps quoted cells with tabs, newlines and doubled quotes together", () => {
    expect(splitTsv('"Licences\nyear 1"\t100\n"say ""hi"""\t"a\tb"\nx"y\t2')).toEqual([
      ["Licences\nyear 1", "100"],
      ['say "hi"', "a\tb"],
      ['x"y', "2"],
    ]);
    expect(splitTsv('"open\t5')).toEqual([['"open', "5"]]);
    expect(splitTsv("a\r\nb\rc")).toEqual([["a"], ["b"], ["c"]]);
  });
});

describe("currency signs", () => {
  it("strips currency words in any case and ISO codes in capitals, nothing else", () => {
    expect(readAmount("KR 1 000", "sv")).toEqual({ ok: true, value: "1000" });
    expect(readAmount("1 000 nok", "nb")).toEqual({ ok: true, value: "1000" });
    expect(readAmount("1,000 CHF", "en")).toEqual({ ok: true, value: "1000" });
    expect(readAmount("¥1,000", "zh")).toEqual({ ok: true, value: "1000" });
    expect(readAmount("1000 元", "zh")).toEqual({ ok: true, value: "1000" });
    expect(readAmount("100 abc", "en")).toEqual({ ok: false, code: "amountInvalid" });
    expect(readAmount("kr", "sv")).toEqual({ ok: false, code: "amountInvalid" });
  });
});
