// One id per object in the API (docs/runtime.md "Object ids"): a line, risk, KPI or assumption has
// a row id (`id` in every answer, a UUID) and a stable id (`stableId`: the id of the case file,
// of comment targets and of assumption links, kept across export and import). Wherever the API
// takes one of these objects it accepts either, resolved here, through the access filter:
//
//   findInCase(db, kind, caseId, ref)          the object of that case named by ref, or null
//   findReachable(db, actor, kind, ref)        the object the actor can read named by ref, or null;
//                                              a stable id found in several cases the actor can
//                                              reach (a case imported twice) answers 409
//   lineStableIds(db, caseId, refs)            links to lines (an assumption's `lines`) as stable
//                                              ids: a line's row id becomes its stable id
//   objectTarget(actor, kind, ref)             a write door target (case-write.ts) resolving ref;
//                                              after resolution, .rowId is the object's row id
//
// A row id wins over a stable id: an id an answer showed always means that very row.
import "server-only";
import { STABLE_ID_PATTERN } from "@/lib/case-file/schema";
import { AppError } from "@/lib/errors";
import { caseWhere, isUuid, type Actor } from "./access";
import type { Tx } from "./case-write";
import type { PrismaClient } from "./generated/client";

export type CaseObjectKind = "line" | "risk" | "kpi" | "assumption";
export const CASE_OBJECT_KINDS = ["line", "risk", "kpi", "assumption"] as const satisfies readonly CaseObjectKind[];

export interface ObjectRef {
  id: string;
  stableId: string;
  caseId: string;
}

type Db = Tx | PrismaClient;
type RefWhere = { caseId?: string; case?: ReturnType<typeof caseWhere>; OR: ({ id: string } | { stableId: string })[] };

const select = { id: true, stableId: true, caseId: true } as const;

function rows(db: Db, kind: CaseObjectKind, where: RefWhere, take: number): Promise<ObjectRef[]> {
  const args = { where, select, take, orderBy: { id: "asc" as const } };
  switch (kind) {
    case "line":
      return db.caseLine.findMany(args);
    case "risk":
      return db.risk.findMany(args);
    case "kpi":
      return db.kpi.findMany(args);
    case "assumption":
      return db.assumption.findMany(args);
  }
}

function matching(ref: string): RefWhere["OR"] | null {
  // What cannot be a stable id (nor a UUID, which is one) names nothing: answered before any query.
  if (!STABLE_ID_PATTERN.test(ref)) return null;
  return isUuid(ref) ? [{ id: ref }, { stableId: ref }] : [{ stableId: ref }];
}

// Among rows matched by id or stable id, the row whose id it is, else the one with that stable id.
function pick(found: ObjectRef[], ref: string): ObjectRef | null {
  return found.find((r) => r.id === ref) ?? found.find((r) => r.stableId === ref) ?? null;
}

export async function findInCase(db: Db, kind: CaseObjectKind, caseId: string, ref: string): Promise<ObjectRef | null> {
  const OR = matching(ref);
  if (!OR || !isUuid(caseId)) return null;
  // Within a case a stable id is unique: at most the row of that id and the row of that stable id.
  return pick(await rows(db, kind, { caseId, OR }, 2), ref);
}

export async function lineStableIds(db: Db, caseId: string, refs: string[]): Promise<string[]> {
  const ids = refs.filter(isUuid);
  if (!ids.length) return refs;
  const found = await db.caseLine.findMany({
    where: { caseId, id: { in: ids } },
    select: { id: true, stableId: true },
  });
  const stable = new Map(found.map((l) => [l.id, l.stableId]));
  return refs.map((ref) => stable.get(ref) ?? ref);
}

export async function findReachable(
  db: Db,
  actor: Actor,
  kind: CaseObjectKind,
  ref: string,
): Promise<ObjectRef | null> {
  const OR = matching(ref);
  if (!OR) return null;
  const where = { case: caseWhere(actor, "viewer") };
  if (isUuid(ref)) {
    const [byId] = await rows(db, kind, { ...where, OR: [{ id: ref }] }, 1);
    if (byId) return byId;
  }
  const byStableId = await rows(db, kind, { ...where, OR: [{ stableId: ref }] }, 2);
  if (byStableId.length > 1)
    throw new AppError(
      "conflict",
      `the stable id "${ref}" names a ${kind} in more than one case; use the ${kind}'s id (from the case's answer)`,
    );
  return byStableId[0] ?? null;
}

export interface ObjectTarget {
  resolve: (tx: Tx) => Promise<string | null>;
  // The row id the reference resolved to (set by resolve; read inside the door's change).
  readonly rowId: string;
}

export function objectTarget(actor: Actor, kind: CaseObjectKind, ref: string): ObjectTarget {
  let rowId: string | null = null;
  return {
    resolve: async (tx) => {
      const found = await findReachable(tx, actor, kind, ref);
      rowId = found?.id ?? null;
      return found?.caseId ?? null;
    },
    get rowId() {
      if (rowId === null) throw new Error(`the ${kind} target was read before it was resolved`);
      return rowId;
    },
  };
}
