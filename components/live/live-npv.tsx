"use client";
// The headline NPV figure: the server's value, or a newer one a live change just brought
// (components/live/live-headline.ts) until the refreshed page catches up.
import { formatMoney } from "@/lib/i18n/format";
import { useLiveHeadline } from "./live-headline";

export function LiveNpv({ caseId, version, value, currency, locale }: { caseId: string; version: number; value: string; currency: string; locale: string }) {
  const live = useLiveHeadline(caseId, version);
  return <>{live === null ? value : formatMoney(live, currency, locale)}</>;
}
