import { describe, expect, it } from "vitest";
import { parseDecimalInput, toInputText } from "@/lib/i18n/parse-decimal";

describe("parseDecimalInput", () => {
  it("reads each locale's own writing of a number", () => {
    expect(parseDecimalInput("1 250,50", "sv")).toBe("1250.50");
    expect(parseDecimalInput("1\u00a0250,5", "nb")).toBe("1250.5");
    expect(parseDecimalInput("1\u202f250,5", "fr")).toBe("1250.5");
    expect(parseDecimalInput("1,250.50", "en")).toBe("1250.50");
    expect(parseDecimalInput("1,250.50", "zh")).toBe("1250.50");
    expect(parseDecimalInput("1250.5", "sv")).toBe("1250.5");
    expect(parseDecimalInput("-12,5", "fr")).toBe("-12.5");
    expect(parseDecimalInput("\u22123", "en")).toBe("-3");
  });
  it("refuses what is not a number", () => {
    for (const bad of ["", "abc", "NaN", "Infinity", "1e5", "0x10", "1,2,3.4.5", "--1"])
      expect(parseDecimalInput(bad, "en"), bad).toBeNull();
    expect(parseDecimalInput("12,5,0", "sv")).toBeNull();
  });
  it("writes a decimal back the way the locale types it", () => {
    expect(toInputText("1250.5", "sv")).toBe("1250,5");
    expect(toInputText("1250.5", "en")).toBe("1250.5");
  });
});

describe("formatIrr", () => {
  it("prints an IRR as a percentage, and caps the meaningless ones", async () => {
    const { formatIrr } = await import("@/lib/i18n/format");
    expect(formatIrr("0.1469", "en")).toBe("14.7%");
    expect(formatIrr("9402192696243376634182776654584703", "en")).toBe("> 1,000%");
    expect(formatIrr("12", "sv")).toBe("> 1\u00a0000\u00a0%");
    expect(formatIrr("-0.5", "en")).toBe("-50.0%");
  });
});

describe("one percentage parser for every form (grid, line panel, risk register)", () => {
  it("reads a percentage in the user's locale as a share", async () => {
    const { parsePercentInput, toPercentInputText, shareOrTyped, decimalOrTyped } =
      await import("@/lib/i18n/parse-decimal");
    expect(parsePercentInput("12,5 %", "sv")).toBe("0.125");
    expect(parsePercentInput("12,5\u00a0%", "fr")).toBe("0.125");
    expect(parsePercentInput("15%", "en")).toBe("0.15");
    expect(parsePercentInput("40", "nb")).toBe("0.4");
    expect(parsePercentInput("abc", "en")).toBeNull();
    expect(toPercentInputText("0.125", "sv")).toBe("12,5");
    expect(toPercentInputText("0.125", "en")).toBe("12.5");
    expect(toPercentInputText(null, "en")).toBe("");
    // The risk form sends what the grid accepts; what is not a number goes as typed, for the server
    // to name the field.
    expect(shareOrTyped("12,5 %", "sv")).toBe("0.125");
    expect(decimalOrTyped("1 250,50", "sv")).toBe("1250.50");
    expect(decimalOrTyped(" lots ", "sv")).toBe("lots");
  });
});
