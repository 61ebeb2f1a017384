"use server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { listCaseAuditEvents } from "@/lib/db/audit";
import { runAction } from "./result";

export interface CaseChange {
  who: string | null; // a user's name, or null for an API token / unknown
  byToken: boolean;
  action: string; // e.g. "line.update"
  entityType: string;
  label: string | null; // the object's name or title, before or after the change
  fields: string[]; // for updates: the fields whose values differ
  version: number | null;
  at: string;
}

const input = z.strictObject({ caseId: z.uuid(), since: z.int().min(0) });

function labelOf(v: unknown): string | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  for (const k of ["name", "title"]) if (typeof o[k] === "string") return o[k] as string;
  return null;
}

function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => k !== "version" && k !== "updatedAt" && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

// What others changed in a case after the version a refused write was based on (newest first,
// at most 20), read from the audit trail through the access layer: the conflict notice lists it
// beside the user's kept input.
export async function changesSinceAction(raw: { caseId: string; since: number }) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const { caseId, since } = input.parse(raw);
    const events = await listCaseAuditEvents(actor, caseId, { limit: 100 });
    return events
      .filter((e) => e.caseVersion !== null && e.caseVersion > since)
      .slice(0, 20)
      .map((e): CaseChange => ({
        who: e.actor.kind === "user" ? e.actor.name : null,
        byToken: e.actor.kind === "token",
        action: e.action,
        entityType: e.entityType,
        label: labelOf(e.after) ?? labelOf(e.before),
        fields: changedFields(e.before, e.after),
        version: e.caseVersion,
        at: e.createdAt,
      }));
  });
}
