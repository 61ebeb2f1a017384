import { describe, expect, it } from "vitest";
import { formatCaseMonth, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("locale formatting", () => {
  it("formats money in each language, rounding half-even in decimal", () => {
    expect(nb(formatMoney("1234567.5", "SEK", "sv"))).toBe("1 234 568 kr");
    expect(nb(formatMoney("2.5", "SEK", "en"))).toBe("SEK 2");
    expect(nb(formatMoney("-1234.56", "EUR", "fr", { digits: 2 }))).toBe("-1 234,56 €");
    expect(nb(formatMoney("1234567", "NOK", "nb"))).toBe("1 234 567 kr");
    expect(formatMoney("1234567", "CNY", "zh")).toBe("¥1,234,567");
    expect(formatMoney("123456789012345.49", "USD", "en")).toBe("US$123,456,789,012,345");
  });
  it("formats percentages with one decimal", () => {
    expect(nb(formatPercent("0.36424", "sv"))).toBe("36,4 %");
    expect(formatPercent("0.36425", "en")).toBe("36.4%");
    expect(formatNumber("14.25", "en", 1)).toBe("14.2");
  });
  it("turns a case month into a date", () => {
    expect(formatCaseMonth("2027-01", 14, "en")).toBe("Mar 2028");
  });
});
