// Which changes made by someone else still need a server render of a case page (one
// router.refresh() per burst, components/live/live-case.tsx), beside the live case model's
// in-place read. Everything the model holds (the case file and its figures) follows without one.
import type { CaseChange } from "./use-case-events";

// Plan changes that only move what the model holds (figures, settings, scenario names): the
// headline, the overview's sentences, charts and checks, the case status and the approval line's
// count follow the model on every tab.
const MODEL_ONLY = (kind: string) =>
  kind.startsWith("risk.") || (kind.startsWith("kpi.") && kind !== "kpi.actuals") || kind.startsWith("assumption.");

// What each tab shows in place, beyond the model's figures.
const IN_PLACE: Record<string, (kind: string) => boolean> = {
  // The grid takes each row from the model's case file: values, names, categories, risk, order,
  // removal; an added line's row id (which its writes name) it reads once through the API.
  lines: (kind) =>
    kind.startsWith("line.") || ["kpi.actuals", "case.tracking", "snapshot.create"].includes(kind) || MODEL_ONLY(kind),
  // The overview's sentences, charts and checks are the model's.
  "": (kind) =>
    [
      "line.update",
      "line.reorder",
      "case.update",
      "snapshot.create",
      "scenario.create",
      "scenario.clone",
      "scenario.rename",
      "scenario.set-baseline",
    ].includes(kind) || MODEL_ONLY(kind),
};
// Tabs that show comment counts or threads (a comment changes nothing else).
const SHOWS_COMMENTS = new Set(["lines", "risks", "kpis", "assumptions", "comments", "history"]);

// Whether a change made by someone else needs a server render of the page on `tab` ("" is the
// overview), beyond the model's in-place read. Still refreshing, and why:
// - lines tab: scenario.* (the scenario picker); case.* but case.tracking (the name in the header,
//   currency, horizon); comment.* (the count on each row); approval.* (the approval line under the
//   name). Every line.* change is shown in place.
// - overview: lines added or removed, scenario.delete (the page switches between its empty state
//   and the charts);
//   case.rename and the other case.* but case.update (the header); tracking (line.actuals,
//   kpi.actuals, case.tracking: the realisation checks); approval.*. Not comments.
// - every other tab: every change, but comments where no comment is shown (their registers,
//   tables, charts and diffs are rendered by the server).
// - resync (the stream missed events): always.
// Never: presence (its own event), and this user's own changes (their pages update themselves).
export function refreshFor(change: Pick<CaseChange, "kind">, tab: string): boolean {
  const { kind } = change;
  if (kind === "resync") return true;
  if (kind.startsWith("comment.")) return SHOWS_COMMENTS.has(tab);
  return !IN_PLACE[tab]?.(kind);
}
