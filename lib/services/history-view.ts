// The History tab's view model: the case's audit trail, newest first, as sentences with each
// change's effect on the headline NPV, grouped by person and minute, filtered by person and
// object, with the "since your last visit" mark.
//
// The NPV effect of a plan change at version v is NPV(v) - NPV(v - 1), both read from CaseFigure:
// the headline NPV recorded whenever the engine computes a version (every page view or API read of
// a new version, and every API write with ?include=compute computes it). A version that nobody
// computed (e.g. several API writes in a row without a read) has no figure, so its change and the
// next one show no effect rather than a guessed one; recomputing old versions would mean
// rebuilding each one from the audit trail, which is not worth it for this view.
import "server-only";
import Decimal from "decimal.js";
import { cache } from "react";
import type { Actor } from "@/lib/db/access";
import { listCaseAuditEvents, type AuditEventDTO } from "@/lib/db/audit";
import { listCaseFigures, listObjectNames, recordCaseFigure, touchCaseVisit } from "@/lib/db/case-history";
import type { ComputeOutput } from "@/lib/finance/types";
import { headlineResults } from "@/lib/finance/headline";

export interface HistoryChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface HistoryItem {
  id: string;
  at: string;
  action: string; // the audit action, e.g. "line.update"
  verb:
    | "create"
    | "update"
    | "delete"
    | "reorder"
    | "duplicate"
    | "comment"
    | "commentEdit"
    | "commentDelete"
    | "resolve"
    | "reopen"
    | "status"
    | "other";
  objectType: string; // line, risk, kpi, assumption, scenario, case, comment
  objectId: string;
  objectName: string | null;
  changes: HistoryChange[];
  text: string | null; // a comment's excerpt
  npvDelta: string | null; // decimal string; null when unknown or not a plan change
  isNew: boolean; // after the "since your last visit" mark
}

export interface HistoryGroup {
  key: string;
  actor: { id: string | null; name: string | null; kind: "user" | "token" | "unknown" };
  minute: string; // ISO, truncated to the minute
  items: HistoryItem[];
}

export interface HistoryView {
  groups: HistoryGroup[];
  people: { id: string; name: string }[];
  objects: { id: string; label: string }[];
  mark: string | null;
}

// The NPV the case headlines (lib/finance/headline.ts): its proposal, else the first non-baseline
// scenario, against the baseline, or alone.
export function headlineNpv(output: ComputeOutput, chosen?: string | null): string {
  return headlineResults(output.scenarios, output.comparisons, chosen).source.npv;
}

export async function recordHeadline(
  caseId: string,
  version: number,
  output: ComputeOutput,
  chosen?: string | null,
): Promise<void> {
  await recordCaseFigure(caseId, version, headlineNpv(output, chosen));
}

// One visit per request, shared by the layout and the page (React cache).
export const visitMark = cache(
  async (userId: string, caseId: string): Promise<string | null> =>
    (await touchCaseVisit(userId, caseId))?.toISOString() ?? null,
);

const HIDDEN_FIELDS = new Set(["id", "stableId", "scenarioId", "position", "ids", "sourceId"]);

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value).slice(0, 120);
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function verbOf(action: string): HistoryItem["verb"] {
  const [, op = ""] = action.split(".");
  if (action === "comment.create") return "comment";
  if (action === "comment.update") return "commentEdit";
  if (action === "comment.delete") return "commentDelete";
  if (action === "comment.resolve") return "resolve";
  if (action === "comment.reopen") return "reopen";
  if (action === "case.status") return "status";
  if (op === "create" || op === "create-many" || op === "clone" || action === "case.import") return "create";
  if (op === "update" || op === "rename" || op === "set-baseline") return "update";
  if (op === "delete") return "delete";
  if (op === "reorder") return "reorder";
  if (op === "duplicate") return "duplicate";
  return "other";
}

function changesOf(e: AuditEventDTO): HistoryChange[] {
  if (verbOf(e.action) !== "update" && verbOf(e.action) !== "status") return [];
  const before = record(e.before);
  const after = record(e.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !HIDDEN_FIELDS.has(k) && k !== "reason",
  );
  return keys
    .map((k) => ({ field: k, before: text(before[k]), after: text(after[k]) }))
    .filter((c) => c.before !== c.after);
}

export function buildHistory(
  events: AuditEventDTO[],
  figures: Map<number, string>,
  names: Map<string, string>,
  mark: string | null,
  filter: { person?: string; object?: string } = {},
): HistoryView {
  // Names of objects that no longer exist come from the audit rows themselves.
  const known = new Map(names);
  for (const e of [...events].reverse()) {
    const n = record(e.after).name ?? record(e.after).title ?? record(e.before).name ?? record(e.before).title;
    if (typeof n === "string" && !known.has(e.entityId)) known.set(e.entityId, n);
  }
  const people = new Map<string, string>();
  const objects = new Map<string, string>();
  const groups: HistoryGroup[] = [];
  for (const e of events) {
    const actorId = e.actor.kind === "user" ? e.actor.userId : e.actor.kind === "token" ? e.actor.tokenId : null;
    const actorName = e.actor.kind === "user" ? e.actor.name : null;
    if (actorId) people.set(actorId, actorName ?? (e.actor.kind === "token" ? "API" : actorId));
    const objectName = e.entityType === "case" ? null : (known.get(e.entityId) ?? null);
    if (objectName) objects.set(e.entityId, `${objectName}`);
    if (filter.person && actorId !== filter.person) continue;
    if (filter.object && e.entityId !== filter.object) continue;
    const isPlan = !e.action.startsWith("comment.");
    const v = e.caseVersion;
    const now = v !== null ? figures.get(v) : undefined;
    const prev = v !== null ? figures.get(v - 1) : undefined;
    const delta =
      isPlan && e.action !== "case.status" && now !== undefined && prev !== undefined
        ? new Decimal(now).minus(prev).toString()
        : null;
    const item: HistoryItem = {
      id: e.id,
      at: e.createdAt,
      action: e.action,
      verb: verbOf(e.action),
      objectType: e.entityType,
      objectId: e.entityId,
      objectName,
      changes: changesOf(e),
      text: e.action === "comment.create" ? text(record(e.after).body) : null,
      npvDelta: delta === "0" ? null : delta,
      isNew: mark !== null && e.createdAt > mark,
    };
    const minute = e.createdAt.slice(0, 16);
    const last = groups[groups.length - 1];
    if (last && last.actor.id === actorId && last.minute === minute && last.items[0]!.isNew === item.isNew)
      last.items.push(item);
    else
      groups.push({
        key: `${e.id}`,
        actor: { id: actorId, name: actorName, kind: e.actor.kind },
        minute,
        items: [item],
      });
  }
  return {
    groups,
    people: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    objects: [...objects].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label)),
    mark,
  };
}

export async function getHistoryView(
  actor: Actor,
  userId: string,
  caseId: string,
  filter: { person?: string; object?: string },
): Promise<HistoryView> {
  const [events, figures, names, mark] = await Promise.all([
    listCaseAuditEvents(actor, caseId, { limit: 500 }),
    listCaseFigures(actor, caseId),
    listObjectNames(actor, caseId),
    visitMark(userId, caseId),
  ]);
  return buildHistory(events, figures, names, mark, filter);
}
