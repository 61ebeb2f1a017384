"use client";
// The headline NPV as the server computed it for the newest version a live change announced,
// fetched the moment the change arrives (GET /compute, cached by version) so the figure moves
// before the full page refresh lands. The server's figures stay the truth: the refreshed page
// replaces this as soon as it shows that version or a newer one.
import { useSyncExternalStore } from "react";
import { headlineKeys } from "@/lib/finance/headline";

interface Headline {
  caseId: string;
  version: number;
  npv: string;
}

let latest: Headline | null = null;
const listeners = new Set<() => void>();

function publish(h: Headline) {
  if (latest && latest.caseId === h.caseId && latest.version >= h.version) return;
  latest = h;
  for (const l of listeners) l();
}

interface ComputeBody {
  version: number;
  data: { scenarios: { key: string; baseline: boolean; npv: string }[]; comparisons: { alternative: string; baseline: string; npv: string }[] };
}

export async function fetchHeadline(caseId: string): Promise<void> {
  try {
    const res = await fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/compute`, { cache: "no-store" });
    if (!res.ok) return;
    const body = (await res.json()) as ComputeBody;
    const keys = headlineKeys(body.data.scenarios);
    const comparison = keys.baseline ? body.data.comparisons.find((c) => c.alternative === keys.alternative && c.baseline === keys.baseline) : undefined;
    const npv = comparison?.npv ?? body.data.scenarios.find((s) => s.key === keys.alternative)?.npv;
    if (npv !== undefined) publish({ caseId, version: body.version, npv });
  } catch {
    // the refresh that follows brings the figures anyway
  }
}

export function useLiveHeadline(caseId: string, version: number): string | null {
  const h = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => latest,
    () => null,
  );
  return h && h.caseId === caseId && h.version > version ? h.npv : null;
}
