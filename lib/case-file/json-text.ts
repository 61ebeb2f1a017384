// JSON text in, without float rounding: every number that a double holds exactly becomes a number;
// any other (1234567890.123456789, 1e400, 9007199254740993) stays a LosslessNumber carrying the
// digits as sent. decimalField takes its digits as they are; every other number field refuses it
// with its path. Request bodies (lib/api/http.ts) and case files (parse.ts, the CLI) read JSON here.
import { isSafeNumber, LosslessNumber, parse } from "lossless-json";

export function parseJsonText(text: string): unknown {
  return parse(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : new LosslessNumber(digits)));
}

// A number parseJsonText kept as text (duck-typed, so schemas shared with the browser need no import).
export function losslessDigits(value: unknown): string | undefined {
  if (value && typeof value === "object" && (value as { isLosslessNumber?: unknown }).isLosslessNumber === true) {
    const digits = (value as { value?: unknown }).value;
    return typeof digits === "string" ? digits : undefined;
  }
  return undefined;
}
