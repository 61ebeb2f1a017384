// What a user types into an amount or percentage field, read as a canonical decimal string (or
// null when it is not a number). Accepts the locale's own writing: "1 250,50" in Swedish,
// Norwegian and French, "1,250.50" in English and Chinese, and plain "1250.5" everywhere. The
// result is a string for decimal.js: no float is involved.
import Decimal from "decimal.js";
import { intlTag } from "./format";

const separators = new Map<string, { group: string; decimal: string }>();

function localeSeparators(locale: string) {
  const tag = intlTag(locale);
  let s = separators.get(tag);
  if (!s) {
    const parts = new Intl.NumberFormat(tag).formatToParts(12345.6);
    s = {
      group: parts.find((p) => p.type === "group")?.value ?? ",",
      decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    };
    separators.set(tag, s);
  }
  return s;
}

export function parseDecimalInput(text: string, locale: string): string | null {
  let t = text
    .trim()
    .replace(/[\s\u00a0\u202f']/g, "")
    .replace(/^\u2212/, "-");
  if (t === "") return null;
  const { decimal } = localeSeparators(locale);
  if (decimal === ",") {
    // "1.250,50" (grouping dots) or "1250,5"; a lone dot ("1250.5") is also read as a decimal point.
    t = t.includes(",") ? t.replace(/\./g, "").replace(",", ".") : t;
  } else {
    t = t.replace(/,/g, "");
  }
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? t.replace(/^\+/, "") : null;
}

// A decimal string as the user would type it in this locale (no grouping): "1250.5" -> "1250,5".
export function toInputText(value: string, locale: string): string {
  return localeSeparators(locale).decimal === "," ? value.replace(".", ",") : value;
}

// A percentage as typed ("12,5 %" in Swedish, "15%", "15") read as the case file's share
// ("0.125"), or null when it is not a number. Every form that takes a percentage (the grid's risk
// cell, the line panel, the risk register) reads it here.
export function parsePercentInput(text: string, locale: string): string | null {
  const typed = parseDecimalInput(text.replace(/%/g, ""), locale);
  return typed === null ? null : new Decimal(typed).div(100).toString();
}

// A share ("0.125") as the user types the percentage in this locale ("12,5" in Swedish).
export function toPercentInputText(share: string | null | undefined, locale: string): string {
  return share === null || share === undefined ? "" : toInputText(new Decimal(share).times(100).toString(), locale);
}

// For forms that let the server name a bad field: the parsed decimal, or the text as typed (the
// server's schema then rejects it with the field's path and message).
export function decimalOrTyped(text: string, locale: string): string {
  return parseDecimalInput(text, locale) ?? text.trim();
}

export function shareOrTyped(text: string, locale: string): string {
  return parsePercentInput(text, locale) ?? text.trim();
}
