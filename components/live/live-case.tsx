"use client";
// Live frame of a case page: applies changes made by others and shows who else has the case open,
// on which tab.
//
// Changes go two ways (refreshFor below says which, per change and tab):
// - in place: the live case model reads the case file and its figures again through the API
//   (store.refetch(); a burst of events costs one read at once and one after it), and what follows
//   the model moves without a page render: the headline, the overview charts, the case status,
//   the "changes since approval" count, and the lines grid's rows (values, names, categories,
//   risk, totals; a line removed or moved).
// - one router.refresh() per burst (refresh-policy.ts says for which changes on which tab) (trailing, at most REFRESH_MAX_WAIT_MS after the burst's first
//   event) for what only the server renders; it re-renders the server components around what the
//   user is typing without remounting it.
import { useRouter, usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useCaseModelStore } from "./case-model";
import { refreshFor } from "./refresh-policy";
import { useCaseEvents } from "./use-case-events";

const REFRESH_QUIET_MS = 150;
const REFRESH_MAX_WAIT_MS = 600;

export function LiveCase({
  caseId,
  base,
  userId,
  tabLabels,
  labels,
}: {
  caseId: string;
  base: string;
  userId: string;
  tabLabels: Record<string, string>;
  labels: { here: string; you: string; offline: string };
}) {
  const router = useRouter();
  const model = useCaseModelStore();
  const pathname = usePathname();
  const tab = pathname.startsWith(`${base}/`) ? (pathname.slice(base.length + 1).split("/")[0] ?? "") : "";
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const burstStart = useRef(0);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // One refresh per burst: it waits for a quiet moment (REFRESH_QUIET_MS without a further change)
  // but never longer than REFRESH_MAX_WAIT_MS after the burst's first change.
  const scheduleRefresh = () => {
    const now = Date.now();
    if (!timer.current) burstStart.current = now;
    else clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(REFRESH_QUIET_MS, burstStart.current + REFRESH_MAX_WAIT_MS - now));
    timer.current = setTimeout(() => {
      timer.current = null;
      router.refresh();
    }, wait);
  };
  const { presence, status } = useCaseEvents(caseId, tab, {
    onChange: (change) => {
      if (change.actor?.kind === "user" && change.actor.id === userId && change.kind !== "resync") return; // this user's own pages refresh themselves
      // A plan change (or a missed stretch) moves the live case model in place: the case file and
      // its cached figures through the API, coalesced by the store.
      if (change.door === "plan" || change.kind === "resync") void model?.refetch();
      if (refreshFor(change, tab)) scheduleRefresh();
    },
  });
  const initials = (name: string) =>
    name
      .split(/[\s@.]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join("");
  return (
    <div
      role="group"
      className="no-print flex items-center gap-1.5"
      data-testid="presence"
      data-live={status}
      aria-label={labels.here}
    >
      {status === "offline" || status === "ended" ? (
        <span className="text-xs text-gray-500">{labels.offline}</span>
      ) : null}
      <ul className="flex -space-x-1.5">
        {presence.map((u) => {
          const tabs = u.tabs.map((t) => tabLabels[t] ?? t).join(", ");
          const who = u.id === userId ? `${u.name} (${labels.you})` : u.name;
          return (
            <li key={u.id} data-testid="presence-user" data-user={u.name} title={`${who}: ${tabs}`}>
              <span
                className="inline-flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-indigo-100 text-xs font-semibold text-indigo-900"
                aria-hidden
              >
                {initials(u.name)}
              </span>
              <span className="sr-only">{`${who}: ${tabs}`}</span>
            </li>
          );
        })}
      </ul>
      {presence.length > 0 ? (
        <span className="hidden text-xs text-gray-600 lg:inline" data-testid="presence-tabs">
          {presence
            .map((u) => `${u.name.split(" ")[0]} · ${u.tabs.map((t) => tabLabels[t] ?? t).join(", ")}`)
            .join("  ")}
        </span>
      ) : null}
    </div>
  );
}
