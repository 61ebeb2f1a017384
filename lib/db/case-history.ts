// What the History tab reads beside the audit trail (lib/db/audit.ts):
//
//   recordCaseFigure(caseId, version, npv)   the headline NPV of a version, written when the
//                                            engine computes that version (lib/services/compute-case.ts)
//   listCaseFigures(actor, caseId)           viewer -> Map<version, npv>
//   listObjectNames(actor, caseId)           viewer -> Map<row id, name> of the case's objects now
//   touchCaseVisit(userId, caseId)           this visit; -> when the previous visit began (the
//                                            "since your last visit" mark), or null on a first visit
import "server-only";
import { AppError } from "@/lib/errors";
import { caseWhere, isUuid, type Actor } from "./access";
import { readDb } from "./errors";
import { prisma } from "./client";

// A visit is one sitting: page loads within 30 minutes of the last one belong to the same visit.
const VISIT_GAP_MS = 30 * 60_000;

async function requireVisible(actor: Actor, caseId: string) {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const n = await readDb(() =>
    prisma.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } }),
  );
  if (!n) throw new AppError("not_found", "not found");
}

export async function recordCaseFigure(caseId: string, version: number, npv: string): Promise<void> {
  await prisma.caseFigure.createMany({ data: [{ caseId, version, npv }], skipDuplicates: true }).catch(() => {
    // the case was deleted meanwhile, or the database is away: the figure is only a nicety
  });
}

export async function listCaseFigures(actor: Actor, caseId: string): Promise<Map<number, string>> {
  await requireVisible(actor, caseId);
  const rows = await readDb(() =>
    prisma.caseFigure.findMany({ where: { caseId }, select: { version: true, npv: true } }),
  );
  return new Map(rows.map((r) => [r.version, r.npv.toString()]));
}

export async function listObjectNames(actor: Actor, caseId: string): Promise<Map<string, string>> {
  await requireVisible(actor, caseId);
  const [lines, risks, kpis, assumptions, scenarios] = await readDb(() =>
    Promise.all([
      prisma.caseLine.findMany({ where: { caseId }, select: { id: true, name: true } }),
      prisma.risk.findMany({ where: { caseId }, select: { id: true, title: true } }),
      prisma.kpi.findMany({ where: { caseId }, select: { id: true, name: true } }),
      prisma.assumption.findMany({ where: { caseId }, select: { id: true, title: true } }),
      prisma.scenario.findMany({ where: { caseId }, select: { id: true, name: true } }),
    ]),
  );
  const m = new Map<string, string>();
  for (const r of [...lines, ...kpis, ...scenarios]) m.set(r.id, r.name);
  for (const r of [...risks, ...assumptions]) m.set(r.id, r.title);
  return m;
}

export async function touchCaseVisit(userId: string, caseId: string): Promise<Date | null> {
  const now = new Date();
  const row = await readDb(() =>
    prisma.caseVisit.findUnique({
      where: { userId_caseId: { userId, caseId } },
      select: { visitedAt: true, markAt: true },
    }),
  );
  if (!row) {
    await readDb(() => prisma.caseVisit.create({ data: { userId, caseId, visitedAt: now, markAt: null } })).catch(
      () => {},
    );
    return null;
  }
  const since = now.getTime() - row.visitedAt.getTime();
  const newVisit = since > VISIT_GAP_MS;
  const mark = newVisit ? row.visitedAt : row.markAt;
  // Live refreshes reload the page often: within a minute the visit row is left as it is.
  if (!newVisit && since < 60_000) return mark;
  await readDb(() =>
    prisma.caseVisit.update({ where: { userId_caseId: { userId, caseId } }, data: { visitedAt: now, markAt: mark } }),
  ).catch(() => {});
  return mark;
}
