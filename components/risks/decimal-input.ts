import Decimal from "decimal.js";

// What a person types into a number box, as the decimal string the schemas expect: spaces (a
// thousands separator in sv, nb and fr) go, and one decimal comma becomes a point. Anything else
// is passed on unchanged, for the server to name the field that is wrong.
export function normaliseDecimal(raw: string): string {
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, "");
  return /^[-+]?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
}

// "40" (per cent) -> "0.4" (a share); invalid text is passed on as typed.
export function percentToShare(raw: string): string {
  const s = normaliseDecimal(raw);
  try {
    return new Decimal(s).div(100).toString();
  } catch {
    return s;
  }
}

export function shareToPercent(share: string | null): string {
  return share === null ? "" : new Decimal(share).times(100).toString();
}

export function timesToString(a: string, b: string): string {
  return new Decimal(a).times(b).toString();
}
