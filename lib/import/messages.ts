// What the importer tells a person (problems and notes) as data: a stable code, its parameters and
// the place (sheet and cell or range, named once), rendered in the person's language by the
// wizard, the API and the command line from one catalogue (messages/<locale>/import.json, under
// "msg"). `message` is the English text, kept for logs and for clients that do not translate.
// Field ids (`labour.rate`) never reach a person: a `field` parameter is rendered as the field's
// word ("hourly rate", "timpris"). Pure; docs/import.md#messages.
import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import en from "@/messages/en/import.json";
import fr from "@/messages/fr/import.json";
import nb from "@/messages/nb/import.json";
import sv from "@/messages/sv/import.json";
import zh from "@/messages/zh/import.json";

const CATALOGUES = { en, sv, nb, fr, zh } as const;

export type ImportCode = keyof typeof en.msg.codes;
export const IMPORT_CODES = Object.keys(en.msg.codes) as ImportCode[];
export type MessageParams = Record<string, string | number>;

export interface ImportMessage {
  code: ImportCode;
  params?: MessageParams;
  where?: string; // "Model!B11:K13", "Model", or absent for the file as a whole
  message: string; // English, without the place
}

// A problem always has a place (the file's name when nothing narrower).
export interface Problem extends ImportMessage {
  where: string;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;
const translators = new Map<Locale, Translate>();

function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const base = createTranslator({ locale, messages: CATALOGUES[locale] as never, namespace: "msg" as never });
    t = base as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

// "labour.rate" -> "labourRate", the catalogue's key for the field's word.
function fieldKey(field: string): string {
  return field.replace(/\.(\w)/g, (_, ch: string) => ch.toUpperCase());
}

export function fieldWord(field: string | undefined, locale: Locale = DEFAULT_LOCALE): string {
  const fields = CATALOGUES[locale].msg.fields as Record<string, string>;
  const key = field ? fieldKey(field) : "line";
  // A schedule column ("schedule.12") is the schedule; anything unknown is "the line".
  return fields[key] ?? fields[key.replace(/\d+$/, "")] ?? fields.line!;
}

export function toLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

// "sv_SE.UTF-8", "nb-NO", "zh-CN,zh;q=0.9", "fr;q=0.8, en" -> one of ours (Norwegian "no"/"nn" are
// read as Bokmål), else undefined.
export function localeOfTag(tags: string | null | undefined): Locale | undefined {
  for (const part of (tags ?? "").split(",")) {
    const language = part
      .trim()
      .split(/[-_.;]/)[0]!
      .toLowerCase();
    const mapped = language === "no" || language === "nn" ? "nb" : language;
    if (isLocale(mapped)) return mapped;
  }
  return undefined;
}

// The command line's language: --locale, else LC_ALL, LC_MESSAGES, LANG (as POSIX orders them).
export function localeOfEnvironment(given: string | null, env: Record<string, string | undefined>): Locale {
  return (
    localeOfTag(given) ??
    localeOfTag(env.LC_ALL) ??
    localeOfTag(env.LC_MESSAGES) ??
    localeOfTag(env.LANG) ??
    DEFAULT_LOCALE
  );
}

// The message's text (without its place) in the locale.
export function renderText(m: Pick<ImportMessage, "code" | "params">, locale: Locale = DEFAULT_LOCALE): string {
  const params: MessageParams = { ...m.params };
  if ("field" in params) params.field = fieldWord(String(params.field), locale);
  return translator(locale)(`codes.${m.code}`, params);
}

// The message with its place, once: "Model!D7: "about 120" is not an amount".
export function renderMessage(m: Pick<ImportMessage, "code" | "params" | "where">, locale: Locale = DEFAULT_LOCALE) {
  const text = renderText(m, locale);
  return m.where ? translator(locale)("at", { where: m.where, message: text }) : text;
}

export function importMessage(code: ImportCode, params?: MessageParams, where?: string): ImportMessage {
  return {
    code,
    ...(params ? { params } : {}),
    ...(where !== undefined ? { where } : {}),
    message: renderText({ code, params }),
  };
}

export function problem(where: string, code: ImportCode, params?: MessageParams): Problem {
  return { ...importMessage(code, params), where };
}

// "Building the lines (40 %)": a progress bar's words.
export function progressText(phase: "read" | "guess" | "build", percent: number, locale: Locale = DEFAULT_LOCALE) {
  const t = translator(locale);
  const key = { read: "phaseRead", guess: "phaseGuess", build: "phaseBuild" }[phase];
  return t("progress", { phase: t(key), percent });
}

export function importText(key: "cancelled" | "stop", locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale)(key);
}

// The case-file rules' words for a line (lib/case-file/schema.ts) -> a code of ours, so a person
// reads them in their language; a rule we do not know keeps its English words inside our frame.
export function ruleMessage(field: string, rule: string): { code: ImportCode; params?: MessageParams } {
  let m: RegExpExecArray | null;
  if (/^give "amount" or "labour", not both$/.test(rule)) return { code: "amountAndLabour" };
  if (/^give "amount" or "labour"$/.test(rule)) return { code: "needAmount" };
  if (/^give the timing/.test(rule)) return { code: "needTiming" };
  if (/^give only one of/.test(rule)) return { code: "oneTiming" };
  if ((m = /^month (\d+) is beyond the horizon of (\d+) months$/.exec(rule)))
    return { code: "monthBeyond", params: { field, month: Number(m[1]), horizon: Number(m[2]) } };
  if ((m = /^must be (at least|greater than|at most|less than) (.+)$/.exec(rule))) {
    const code = (
      { "at least": "atLeast", "greater than": "greaterThan", "at most": "atMost", "less than": "lessThan" } as const
    )[m[1] as "at least"];
    return { code, params: { field, limit: m[2]! } };
  }
  if ((m = /^"(.*)" is not a decimal number/.exec(rule)))
    return { code: "notDecimal", params: { field, value: m[1]! } };
  if (/^must not be before startMonth$/.test(rule)) return { code: "endBeforeStart" };
  if (/^must not be below low$/.test(rule)) return { code: "lowAboveHigh" };
  if (/^actuals need actualsThrough/.test(rule)) return { code: "actualsNeedThrough" };
  if ((m = /^month (\d+) is after actualsThrough \((\d+)\)$/.exec(rule)))
    return { code: "actualsAfter", params: { month: Number(m[1]), through: Number(m[2]) } };
  return { code: "rule", params: { field, rule } };
}
