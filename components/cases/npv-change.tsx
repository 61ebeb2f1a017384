"use client";
import Decimal from "decimal.js";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { formatMoney } from "@/lib/i18n/format";

// After an edit, the summary bar says what it changed ("NPV +SEK 120,000"): the headline NPV of
// this version against the one the page showed before it. Remembered per case for the session
// (module state survives tab changes, not reloads); announced politely to screen readers.
const seen = new Map<string, { version: number; npv: string }>();
const deltas = new Map<string, string>(); // `${caseId}@${version}` -> NPV change that version made

export function NpvChange({
  caseId,
  version,
  npv,
  currency,
  locale,
}: {
  caseId: string;
  version: number;
  npv: string;
  currency: string;
  locale: string;
}) {
  const t = useTranslations("case");
  const key = `${caseId}@${version}`;
  const before = seen.get(caseId);
  // Derived while rendering (the first render of a new version computes it, later ones read it).
  const delta =
    deltas.get(key) ?? (before && version > before.version ? new Decimal(npv).minus(before.npv).toString() : null);
  useEffect(() => {
    const last = seen.get(caseId);
    if (!last || version > last.version) {
      seen.set(caseId, { version, npv });
      if (delta !== null) deltas.set(key, delta);
    }
  }, [caseId, version, npv, key, delta]);
  if (delta === null) return <span aria-live="polite" className="sr-only" />;
  const zero = new Decimal(delta).isZero();
  const text = zero
    ? t("npvUnchanged")
    : t("npvChanged", { change: `${delta.startsWith("-") ? "" : "+"}${formatMoney(delta, currency, locale)}` });
  const tone = zero
    ? "bg-gray-100 text-gray-800"
    : delta.startsWith("-")
      ? "bg-red-50 text-red-800"
      : "bg-teal-50 text-teal-900";
  return (
    <span
      aria-live="polite"
      className={`ml-2 rounded px-1.5 py-0.5 text-xs font-semibold ${tone}`}
      data-testid="npv-change"
    >
      {text}
    </span>
  );
}
