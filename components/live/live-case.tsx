"use client";
// Live frame of a case page: applies changes made by others (a debounced router.refresh(), which
// re-renders the server components around what the user is typing without remounting it) and
// shows who else has the case open, on which tab.
import { useRouter, usePathname } from "next/navigation";
import { useRef } from "react";
import { useCaseModelStore } from "./case-model";
import { useCaseEvents } from "./use-case-events";

const REFRESH_DEBOUNCE_MS = 150;

export function LiveCase({ caseId, base, userId, tabLabels, labels }: { caseId: string; base: string; userId: string; tabLabels: Record<string, string>; labels: { here: string; you: string; offline: string } }) {
  const router = useRouter();
  const model = useCaseModelStore();
  const pathname = usePathname();
  const tab = pathname.startsWith(`${base}/`) ? (pathname.slice(base.length + 1).split("/")[0] ?? "") : "";
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRefresh = useRef(0);
  const { presence, status } = useCaseEvents(caseId, tab, {
    onChange: (change) => {
      if (change.actor?.kind === "user" && change.actor.id === userId && change.kind !== "resync") return; // this user's own pages refresh themselves
      // A plan change moves the live case model (headline, charts) in place at once: the case file
      // and its cached compute through the API, no page render; then the page refreshes for the
      // rest (grids, registers, comments).
      if (change.door === "plan" || change.kind === "resync") void model?.refetch();
      // Leading and trailing: the first change refreshes at once, a burst ends with one more.
      const now = Date.now();
      if (!timer.current && now - lastRefresh.current > REFRESH_DEBOUNCE_MS) {
        lastRefresh.current = now;
        router.refresh();
        return;
      }
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        lastRefresh.current = Date.now();
        router.refresh();
      }, REFRESH_DEBOUNCE_MS);
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
