// The small zod building blocks every case-file object is made of (names, texts, months, stable
// ids), shared by the line field table (line-fields.ts) and the rest of the schema (schema.ts).
import { z } from "zod";

export const MAX_HORIZON = 120;
export const MAX_TEXT = 10_000;

// Stable ids (docs/case-model.md): every line, risk, KPI and assumption carries one; it never
// changes while the object lives. Comments, actuals, diffs and compute output refer to it.
export const STABLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const stableIdSchema = () => z.string().regex(STABLE_ID_PATTERN, "letters, digits, - and _ (1 to 64)");

export const text = (max = MAX_TEXT) => z.string().max(max);
export const name = () => z.string().trim().min(1, "must not be empty").max(MAX_TEXT);
export const monthIndex = () => z.int().min(0).max(MAX_HORIZON);

// An ISO 4217 currency code as the case file writes it: three upper-case letters ("SEK").
export const currencyCode = () => z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as SEK");

// Month-keyed amounts ("0".."120" -> decimal): a line's schedule and its recorded actuals.
export const MONTH_KEY = /^(0|[1-9]\d{0,2})$/;
