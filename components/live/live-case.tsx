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
// - one router.refresh() per burst (trailing, at most REFRESH_MAX_WAIT_MS after the burst's first
//   event) for what only the server renders; it re-renders the server components around what the
//   user is typing without remounting it.
import { useRouter, usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useCaseModelStore } from "./case-model";
import { useCaseEvents, type CaseChange } from "./use-case-events";

const REFRESH_QUIET_MS = 150;
const REFRESH_MAX_WAIT_MS = 600;

// Kinds the lines tab shows in place: the grid takes each row from the model's case file.
const LINES_IN_PLACE = new Set(["line.update", "line.delete", "line.reorder"]);
// Tabs that show comment counts or threads (a comment changes nothing else).
const SHOWS_COMMENTS = new Set(["lines", "risks", "kpis", "assumptions", "comments", "history"]);
// Tracking kinds that change nothing the lines tab shows (actuals live on the Realisation tab).
const TRACKING_FIGURES = new Set(["line.actuals", "kpi.actuals", "case.tracking"]);

// Whether a change made by someone else needs a server render of the page on `tab` ("" is the
// overview), beyond the model's in-place read. Still refreshing, and why:
// - lines tab: lines added (line.create, line.create-many, line.import, line.duplicate: a row needs
//   its row id, which every write names, and only the page's render has it); scenario.* (the
//   scenario picker); case.* but tracking (the name in the header, currency, horizon); comment.*
//   (the count on each row); approval.* (the approval line under the name).
// - overview: every plan change and the tracking kinds (the NPV sentence, the decision sentence
//   and the health checks are rendered by the server); approval.*. Not comments.
// - every other tab: every change, but comments where no comment is shown (their registers,
//   tables, charts and diffs are rendered by the server).
// Never: presence (its own event), and this user's own changes (their pages update themselves).
export function refreshFor(change: Pick<CaseChange, "kind" | "door">, tab: string): boolean {
  const { kind } = change;
  if (kind === "resync") return true;
  if (kind.startsWith("comment.")) return SHOWS_COMMENTS.has(tab);
  if (tab === "lines") {
    if (LINES_IN_PLACE.has(kind) || TRACKING_FIGURES.has(kind) || kind === "snapshot.create") return false;
    // Risks, KPIs and assumptions move the headline (the model) but nothing in the grid.
    if (kind.startsWith("risk.") || kind.startsWith("kpi.") || kind.startsWith("assumption.")) return false;
    return true;
  }
  if (tab === "" && kind === "snapshot.create") return false;
  return true;
}

export function LiveCase({ caseId, base, userId, tabLabels, labels }: { caseId: string; base: string; userId: string; tabLabels: Record<string, string>; labels: { here: string; you: string; offline: string } }) {
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
    <div role="group" className="no-print flex items-center gap-1.5" data-testid="presence" data-live={status} aria-label={labels.here}>
      {status === "offline" || status === "ended" ? <span className="text-xs text-gray-500">{labels.offline}</span> : null}
      <ul className="flex -space-x-1.5">
        {presence.map((u) => {
          const tabs = u.tabs.map((t) => tabLabels[t] ?? t).join(", ");
          const who = u.id === userId ? `${u.name} (${labels.you})` : u.name;
          return (
            <li key={u.id} data-testid="presence-user" data-user={u.name} title={`${who}: ${tabs}`}>
              <span className="inline-flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-indigo-100 text-xs font-semibold text-indigo-900" aria-hidden>
                {initials(u.name)}
              </span>
              <span className="sr-only">{`${who}: ${tabs}`}</span>
            </li>
          );
        })}
      </ul>
      {presence.length > 0 ? (
        <span className="hidden text-xs text-gray-600 lg:inline" data-testid="presence-tabs">
          {presence.map((u) => `${u.name.split(" ")[0]} · ${u.tabs.map((t) => tabLabels[t] ?? t).join(", ")}`).join("  ")}
        </span>
      ) : null}
    </div>
  );
}
