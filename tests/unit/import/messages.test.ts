// The importer's messages: every code in every language, its parameters filled in, field ids never
// shown, the place named once; the line reader's problems without a doubled row or field id.
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import {
  IMPORT_CODES,
  fieldWord,
  localeOfEnvironment,
  localeOfTag,
  progressText,
  renderMessage,
  renderText,
  ruleMessage,
} from "@/lib/import/messages";
import { IMPORT_FIELDS, toLines } from "@/lib/xlsx/import-map";
import en from "@/messages/en/import.json";
import fr from "@/messages/fr/import.json";
import nb from "@/messages/nb/import.json";
import sv from "@/messages/sv/import.json";
import zh from "@/messages/zh/import.json";

const CATALOGUES = { en, sv, nb, fr, zh };

// Parameters every code may use, with values that show whether they were filled in.
const PARAMS = {
  mb: 20,
  ext: ".ods",
  detail: "DETAIL",
  max: 100000,
  sheet: "SHEETNAME",
  sheets: "A, B",
  rule: "RULE",
  error: "#REF!",
  value: "VALUE",
  scenario: "SCEN",
  name: "NAME",
  month: 130,
  horizon: 120,
  field: "labour.rate",
  kind: "cost",
  count: 3,
  limit: "0",
  through: 12,
  digits: 2,
  currency: "GBP",
  example: "EXAMPLE",
  periods: "PERIODS",
  factor: 1000,
  items: "ITEMS",
  more: 2,
};

describe("import messages", () => {
  it("renders every code in every language, with every parameter and no raw key", () => {
    expect(IMPORT_CODES.length).toBeGreaterThan(40);
    for (const locale of LOCALES)
      for (const code of IMPORT_CODES) {
        const text = renderMessage({ code, params: PARAMS, where: "Model!B11:K13" }, locale);
        const label = `${locale} ${code}: ${text}`;
        expect((CATALOGUES[locale].msg.codes as Record<string, string>)[code], label).toBeTruthy();
        expect(text, label).not.toContain(`codes.${code}`);
        expect(text, label).not.toMatch(/[{}]|msg\.|codes\./);
        expect(text, label).not.toContain("labour.rate");
        expect(text.match(/Model!B11:K13/g), label).toHaveLength(1);
        // Each parameter the English text uses appears filled in (as itself or its translation).
        const used = [...(en.msg.codes[code] as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        for (const name of used) {
          const v = PARAMS[name as keyof typeof PARAMS];
          if (name === "field") expect(text, label).toContain(fieldWord("labour.rate", locale));
          else if (typeof v === "string" && /^[A-Z#][A-Z!, ]+$/.test(v)) expect(text, label).toContain(v);
        }
      }
  });

  it("says a field in the person's words, never its id", () => {
    for (const locale of LOCALES)
      for (const field of [...IMPORT_FIELDS, "schedule.12", "discountRate", ""]) {
        const word = fieldWord(field, locale);
        expect(word, `${locale} ${field}`).not.toMatch(/^\s*$|\.|[a-z][A-Z]/);
      }
    expect(fieldWord("labour.rate", "en")).toBe("hourly rate");
    expect(fieldWord("labour.rate", "sv")).toBe("timpris");
    expect(fieldWord("startMonth", "fr")).toBe("mois de début");
  });

  it("writes counts in the language's way", () => {
    expect(renderText({ code: "tooManyLines", params: { count: 13333, max: 5000 } }, "en")).toBe(
      "13,333 lines; a case holds at most 5,000 a scenario",
    );
    expect(renderText({ code: "tooManyRows", params: { max: 100000 } }, "fr")).toBe(
      "la feuille a plus de 100\u202f000 lignes",
    );
    expect(renderText({ code: "scaled", params: { factor: 1000 } }, "sv")).toContain("1\u00a0000");
  });

  it("counts in the language's plural", () => {
    const one = { code: "rounded" as const, params: { count: 1, digits: 2, currency: "GBP", example: "A1" } };
    expect(renderText(one, "en")).toBe("1 amount was rounded to 2 decimals (GBP), for example A1");
    expect(renderText({ ...one, params: { ...one.params, count: 1200 } }, "en")).toMatch(/^1,200 amounts were/);
    expect(renderText({ ...one, params: { ...one.params, count: 2 } }, "fr")).toMatch(/^2 montants ont été arrondis/);
    expect(renderText({ code: "leftOutTotal", params: { items: "X", more: 0 } }, "en")).toBe("left out as totals: X");
    expect(renderText({ code: "leftOutTotal", params: { items: "X", more: 3 } }, "nb")).toBe(
      "utelatt som summer: X, og 3 til",
    );
  });

  it("reads the case-file rules into codes of ours", () => {
    expect(ruleMessage("amount", 'give "amount" or "labour"')).toEqual({ code: "needAmount" });
    expect(ruleMessage("endMonth", "month 130 is beyond the horizon of 120 months")).toEqual({
      code: "monthBeyond",
      params: { field: "endMonth", month: 130, horizon: 120 },
    });
    expect(ruleMessage("escalation", "must be at least -1")).toEqual({
      code: "atLeast",
      params: { field: "escalation", limit: "-1" },
    });
    expect(ruleMessage("x", "something new")).toEqual({ code: "rule", params: { field: "x", rule: "something new" } });
  });

  it("takes the language from --locale, LANG or Accept-Language", () => {
    expect(localeOfEnvironment(null, { LANG: "sv_SE.UTF-8" })).toBe("sv");
    expect(localeOfEnvironment(null, { LANG: "C.UTF-8" })).toBe("en");
    expect(localeOfEnvironment("fr", { LANG: "sv_SE.UTF-8" })).toBe("fr");
    expect(localeOfEnvironment(null, { LC_ALL: "nn_NO.UTF-8", LANG: "fr_FR" })).toBe("nb");
    expect(localeOfTag("de-DE,zh-CN;q=0.9,en;q=0.8")).toBe("zh");
    expect(localeOfTag("de-DE")).toBeUndefined();
  });

  it("words the progress in each language", () => {
    expect(progressText("build", 40, "en")).toBe("Building the lines (40 %)");
    for (const locale of LOCALES) expect(progressText("read", 5, locale)).toMatch(/5/);
  });
});

describe("the line reader's problems", () => {
  it("name the row and column in their own fields, not again in the message, and no field ids", () => {
    const r = toLines(
      {
        header: ["Name", "", "Recurring"],
        rows: [
          ["Licences", "", "monthly"],
          ["Support", "", "fortnightly"],
        ],
        rowNumbers: [4, 5],
      },
      ["name", "amount", "recurring"],
      { locale: "en", horizon: 120, defaultKind: "cost" },
    );
    expect(r.problems).toEqual([
      expect.objectContaining({
        row: 4,
        column: "B",
        code: "invalid",
        message: "give an amount or labour (hours and rate)",
      }),
      expect.objectContaining({
        row: 5,
        column: "C (Recurring)",
        code: "timing",
        message: '"fortnightly" is not monthly, quarterly, annual or once',
      }),
    ]);
    for (const p of r.problems) expect(p.message).not.toMatch(/row \d|column [A-Z]|"amount"|"labour"/i);
  });
});
