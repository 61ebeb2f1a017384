import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { NAMESPACES } from "@/lib/i18n/messages";

const root = path.resolve(import.meta.dirname, "../../../messages");

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "string") out.set(key, v);
      else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    }
  }
  return out;
}

function load(locale: string, ns: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(root, locale, `${ns}.json`), "utf8")));
}

// ICU placeholders like {count} or {npv} must survive translation.
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1] ?? "").sort();
}

describe("message catalogues", () => {
  it("has a file for every registered namespace in every language, and no unregistered files", () => {
    for (const locale of LOCALES) {
      const files = readdirSync(path.join(root, locale))
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(files).toEqual([...NAMESPACES].sort());
    }
  });

  for (const ns of NAMESPACES) {
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      it(`${locale}/${ns} has every key English has, with the same placeholders`, () => {
        const en = load("en", ns);
        const other = load(locale, ns);
        const missing = [...en.keys()].filter((k) => !other.has(k));
        expect(missing, `missing in ${locale}/${ns}.json`).toEqual([]);
        const extra = [...other.keys()].filter((k) => !en.has(k));
        expect(extra, `keys in ${locale}/${ns}.json that English lacks`).toEqual([]);
        for (const [key, text] of en) {
          expect(placeholders(other.get(key) ?? ""), `${locale}/${ns}.json ${key}`).toEqual(placeholders(text));
        }
      });
    }
  }

  // Every message must be a valid ICU message in its language: a stray "<token>" is read as an
  // unclosed tag and the page shows the key instead of the text.
  for (const locale of LOCALES) {
    it(`every ${locale} message parses and formats`, () => {
      for (const ns of NAMESPACES) {
        const messages = JSON.parse(readFileSync(path.join(root, locale, `${ns}.json`), "utf8")) as Record<
          string,
          unknown
        >;
        const errors: string[] = [];
        const t = createTranslator({ locale, messages, onError: (e) => errors.push(e.message) });
        for (const [key, text] of load(locale, ns)) {
          const values = Object.fromEntries(placeholders(text).map((p) => [p, 1]));
          t(key as never, values as never);
        }
        expect(errors, `${locale}/${ns}.json`).toEqual([]);
      }
    });
  }
});
