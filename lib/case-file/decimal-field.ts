import { z } from "zod";
import { D } from "@/lib/finance/decimal";
import { losslessDigits } from "./json-text";

// A strict decimal: optional sign, digits, optional fraction, optional small exponent. Rejects what
// decimal.js or Number() would otherwise accept: "NaN", "Infinity", "0x1F", "1_000", "", " 5 ".
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
export const MAX_AMOUNT = new D("1e15");

export interface DecimalBounds {
  min?: string;
  max?: string;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  maxDecimals?: number;
}

// A JSON number whose digits a double cannot hold, as parseJsonText keeps it (the digits as sent).
const exactNumber = z.custom<{ isLosslessNumber: true; value: string }>(
  (v) => losslessDigits(v) !== undefined,
  "must be a number or a decimal string",
);

// Accepts a JSON number (also one read without loss) or a decimal string and yields the canonical
// decimal string.
export function decimalField(bounds: DecimalBounds = {}) {
  return z.union([z.number(), z.string(), exactNumber]).transform((raw, ctx) => {
    if (typeof raw === "number" && !Number.isFinite(raw)) {
      ctx.addIssue({ code: "custom", message: "must be a finite number" });
      return z.NEVER;
    }
    const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : raw.value;
    if (!DECIMAL_PATTERN.test(text)) {
      ctx.addIssue({
        code: "custom",
        message: `"${text.slice(0, 40)}" is not a decimal number (use digits, e.g. "1250.50")`,
      });
      return z.NEVER;
    }
    const value = new D(text);
    const min = bounds.min === undefined ? undefined : new D(bounds.min);
    const max = bounds.max === undefined ? undefined : new D(bounds.max);
    if (min && (bounds.minExclusive ? value.lte(min) : value.lt(min))) {
      ctx.addIssue({
        code: "custom",
        message: `must be ${bounds.minExclusive ? "greater than" : "at least"} ${bounds.min}`,
      });
      return z.NEVER;
    }
    if (max && (bounds.maxExclusive ? value.gte(max) : value.gt(max))) {
      ctx.addIssue({
        code: "custom",
        message: `must be ${bounds.maxExclusive ? "less than" : "at most"} ${bounds.max}`,
      });
      return z.NEVER;
    }
    const decimals = Math.max(0, value.decimalPlaces());
    if (decimals > (bounds.maxDecimals ?? 10)) {
      ctx.addIssue({ code: "custom", message: `has more than ${bounds.maxDecimals ?? 10} decimals` });
      return z.NEVER;
    }
    return value.toString();
  });
}

export const amountField = () => decimalField({ min: "-1e15", max: "1e15" });
export const nonNegativeAmountField = () => decimalField({ min: "0", max: "1e15" });
// Rates within (-1, 10] (docs/case-file.md#numbers).
export const rateField = () => decimalField({ min: "-1", minExclusive: true, max: "10", maxDecimals: 12 });
export const shareField = () => decimalField({ min: "0", max: "1", maxDecimals: 12 });
