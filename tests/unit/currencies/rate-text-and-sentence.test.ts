// Exchange rates as text (typed or pasted three columns) and the report's currency sentence.
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import {
  formatActualRates,
  formatPlanRates,
  formatWorkspaceRates,
  parseActualRates,
  parsePlanRates,
  parseWorkspaceRates,
} from "@/lib/currencies/rate-text";
import { buildCurrencyVariance, currencySentence } from "@/lib/report/currency-variance";
import { buildRealisationSection } from "@/lib/report/realisation-section";
import { caseFile } from "../../helpers/case";

describe("rate text", () => {
  it("reads three columns pasted from a spreadsheet, a header row and the locale's decimal comma", () => {
    const pasted = "Currency\tFrom\tRate\nUSD\t13\t10,80\nusd\t0\t10,45\nEUR;0;11,2\n";
    const r = parsePlanRates(pasted, "sv");
    expect(r).toEqual({
      ok: true,
      table: {
        USD: [
          { from: 0, rate: "10.45" },
          { from: 13, rate: "10.80" },
        ],
        EUR: [{ from: 0, rate: "11.2" }],
      },
    });
    expect(parsePlanRates("USD 0 10.45\nUSD x 3\n", "en")).toEqual({
      ok: false,
      problems: [{ line: 2, text: "USD x 3" }],
    });
    expect(parseActualRates("USD 1 10.52\nUSD 2 10.61", "en")).toEqual({
      ok: true,
      table: { USD: { "1": "10.52", "2": "10.61" } },
    });
  });

  it("keeps a step's simulation range (low, high) as two more columns", () => {
    const r = parsePlanRates("USD 0 10,45 9,8 11,2", "sv");
    expect(r).toEqual({ ok: true, table: { USD: [{ from: 0, rate: "10.45", low: "9.8", high: "11.2" }] } });
    if (r.ok) expect(formatPlanRates(r.table)).toBe("USD\t0\t10.45\t9.8\t11.2");
    expect(parseActualRates("USD 1 10 11", "en").ok).toBe(false);
  });

  it("writes a table back as the text it reads", () => {
    const table = {
      USD: [
        { from: 0, rate: "10.45" },
        { from: 13, rate: "10.8" },
      ],
    };
    expect(formatPlanRates(table, ",")).toBe("USD\t0\t10,45\nUSD\t13\t10,8");
    expect(parsePlanRates(formatPlanRates(table, ","), "sv")).toEqual({ ok: true, table });
    expect(formatActualRates({ USD: { "2": "10.6", "1": "10.5" } })).toBe("USD\t1\t10.5\nUSD\t2\t10.6");
  });
});

describe("workspace rate text", () => {
  it("reads calendar months and writes them back", () => {
    const r = parseWorkspaceRates("USD\t2028-01\t11\nUSD 2027-01 10,45\n", "fr");
    expect(r).toEqual({
      ok: true,
      table: {
        USD: [
          { from: "2027-01", rate: "10.45" },
          { from: "2028-01", rate: "11" },
        ],
      },
    });
    if (r.ok) expect(formatWorkspaceRates(r.table)).toBe("USD\t2027-01\t10.45\nUSD\t2028-01\t11");
    expect(parseWorkspaceRates("USD 13 10", "en").ok).toBe(false);
  });
});

describe("the currency sentence", () => {
  const file = caseFile({
    actualsThrough: 3,
    fx: { USD: [{ from: 0, rate: "10" }] },
    fxActuals: { USD: { "1": "10.5", "2": "11" } },
    scenarios: [
      {
        key: "a",
        name: "A",
        costs: [
          {
            name: "Licences",
            category: "software",
            currency: "USD",
            recurring: "monthly",
            amount: "1000",
            startMonth: 1,
            endMonth: 12,
            actuals: { "1": "1100", "2": "1000", "3": "1200" },
          },
        ],
      },
    ] as never,
  });
  const out = computeCase(file);

  it("says how much of the overrun is the exchange rate", () => {
    const v = buildCurrencyVariance(out, "SEK", "en")!;
    expect(v.overrun).toBe(true);
    expect(v.lines).toHaveLength(1);
    const text = currencySentence(out, "SEK", "en")!;
    expect(text).toMatch(/^Of the SEK\s?4,550(\.00)? shortfall/);
    expect(text).toMatch(/SEK\s?1,550(\.00)? is the exchange rate \(USD\) and SEK\s?3,000(\.00)? volume and price/);
    expect(currencySentence(out, "SEK", "sv")).toMatch(/växelkursen \(USD\)/);
    const section = buildRealisationSection(file, out, "en", (k) => k)!;
    expect(section.currencyNote).toBe(text);
  });

  it("is absent when every line is in the case's currency", () => {
    const plain = computeCase(
      caseFile({
        actualsThrough: 1,
        scenarios: [
          {
            key: "a",
            name: "A",
            costs: [{ name: "x", category: "software", amount: "5", month: 1, actuals: { "1": "6" } }],
          },
        ] as never,
      }),
    );
    expect(currencySentence(plain, "SEK", "en")).toBeNull();
  });
});
