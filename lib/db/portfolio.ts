// The portfolio's data (docs/portfolio.md): the cases of a workspace as the portfolio lists them,
// the parts of their cached compute output the portfolio reads, case tags and portfolio plans.
//
//   listPortfolioCases(actor, workspaceRef, { includeArchived? })  viewer -> { workspace, cases: PortfolioCaseRow[] }
//   readPortfolioOutputs(states)        (after an allowed read) -> Map<caseId, trimmed output of that exact state>
//   setCaseTags(actor, caseId, tags)                               editor -> { id, tags }
//   listPortfolioPlans(actor, workspaceRef)                        viewer -> PortfolioPlanSummaryDTO[] (newest first)
//   getPortfolioPlanOrThrow(actor, workspaceRef, planId)           viewer -> PortfolioPlanDTO
//   createPortfolioPlan(actor, workspaceRef, plan)                 editor -> PortfolioPlanDTO
//   assertCanSavePlans(actor, workspaceRef)                        editor (throws otherwise)
//
// A plan is never updated (the database refuses UPDATE); it goes only with its workspace.
import "server-only";
import { AppError } from "@/lib/errors";
import { caseWhere, isUuid, type Actor } from "./access";
import { recordAudit } from "./audit";
import { resolveWorkspace } from "./cases";
import { prisma } from "./client";
import { Prisma } from "./generated/client";
import { readDb } from "./errors";
import { actorDisplayName } from "./snapshots";

import type { PortfolioStatus } from "@/lib/dto/portfolio";

export interface PortfolioCaseRow {
  id: string;
  name: string;
  currency: string;
  startMonth: string;
  chosenScenario: string | null;
  status: PortfolioStatus;
  tags: string[];
  owner: string; // who created the case (name or e-mail); "" when unknown
  version: number;
  trackingRevision: number;
}

// Live: go-live recorded with actuals (actualsThrough set); in review: an approval request pending.
function statusOf(row: {
  status: "draft" | "approved";
  archivedAt: Date | null;
  actualsThrough: number | null;
  approvals: unknown[];
}): PortfolioStatus {
  if (row.archivedAt) return "archived";
  if (row.actualsThrough !== null) return "live";
  if (row.status === "approved") return "approved";
  return row.approvals.length ? "in-review" : "draft";
}

export async function listPortfolioCases(
  actor: Actor,
  workspaceRef: string,
  options: { includeArchived?: boolean } = {},
): Promise<{ workspace: { id: string; slug: string; name: string }; cases: PortfolioCaseRow[] }> {
  return readDb(async () => {
    const ref = await resolveWorkspace(prisma, actor, workspaceRef, "viewer");
    const [workspace, rows] = await Promise.all([
      prisma.workspace.findUniqueOrThrow({ where: { id: ref.id }, select: { id: true, slug: true, name: true } }),
      prisma.businessCase.findMany({
        where: {
          AND: [
            { workspaceId: ref.id },
            caseWhere(actor, "viewer"),
            options.includeArchived ? {} : { archivedAt: null },
          ],
        },
        select: {
          id: true,
          name: true,
          currency: true,
          startMonth: true,
          chosenScenario: true,
          status: true,
          archivedAt: true,
          actualsThrough: true,
          tags: true,
          createdById: true,
          version: true,
          trackingRevision: true,
          approvals: { where: { state: "pending" }, select: { id: true }, take: 1 },
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 5000,
      }),
    ]);
    const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
    const users = creatorIds.length
      ? await prisma.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true, email: true } })
      : [];
    const names = new Map(users.map((u) => [u.id, u.name || u.email]));
    return {
      workspace,
      cases: rows.map((r) => ({
        id: r.id,
        name: r.name,
        currency: r.currency,
        startMonth: r.startMonth,
        chosenScenario: r.chosenScenario,
        status: statusOf(r),
        tags: r.tags,
        owner: (r.createdById && names.get(r.createdById)) || "",
        version: r.version,
        trackingRevision: r.trackingRevision,
      })),
    };
  });
}

// The cached outputs of exactly these states, trimmed in the database to what the portfolio reads
// (each scenario's and comparison's headline figures and monthly cost and benefit, the tangible
// benefit lines' category and KPI, the realisation's totals): a 500-case portfolio reads a few MB
// instead of every month row and line of every case. Only for cases the caller has read through
// the access layer.
export async function readPortfolioOutputs(
  states: readonly { id: string; version: number; trackingRevision: number }[],
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (states.length === 0) return out;
  const ids = states.map((s) => s.id);
  const rows = await readDb(
    () => prisma.$queryRaw<{ caseId: string; version: number; trackingRevision: number; output: unknown }[]>`
      SELECT c."caseId", c."version", c."trackingRevision", jsonb_build_object(
        'currency', c.output->'currency',
        'horizonMonths', c.output->'horizonMonths',
        'discountRate', c.output->'discountRate',
        'scenarios', (SELECT coalesce(jsonb_agg(
            (s - 'months' - 'lines' - 'categories' - 'years' - 'unadjusted') || jsonb_build_object(
              'months', (SELECT coalesce(jsonb_agg(jsonb_build_object('cost', m->'cost', 'benefit', m->'benefit') ORDER BY i), '[]'::jsonb)
                         FROM jsonb_array_elements(s->'months') WITH ORDINALITY AS t(m, i)),
              'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', l->'kind', 'category', l->'category', 'tangible', l->'tangible', 'kpi', l->'kpi', 'name', l->'name', 'total', l->'total')), '[]'::jsonb)
                        FROM jsonb_array_elements(s->'lines') AS l WHERE l->>'kind' = 'benefit')
            ) ORDER BY si), '[]'::jsonb)
          FROM jsonb_array_elements(c.output->'scenarios') WITH ORDINALITY AS st(s, si)),
        'comparisons', (SELECT coalesce(jsonb_agg(
            (x - 'months' - 'years' - 'unadjusted') || jsonb_build_object(
              'months', (SELECT coalesce(jsonb_agg(jsonb_build_object('cost', m->'cost', 'benefit', m->'benefit') ORDER BY i), '[]'::jsonb)
                         FROM jsonb_array_elements(x->'months') WITH ORDINALITY AS t(m, i))
            ) ORDER BY xi), '[]'::jsonb)
          FROM jsonb_array_elements(c.output->'comparisons') WITH ORDINALITY AS xt(x, xi)),
        'realisation', CASE WHEN jsonb_typeof(c.output->'realisation') = 'object'
          THEN (c.output->'realisation') - 'lines' - 'kpis' || jsonb_build_object('forecast', (c.output->'realisation'->'forecast') - 'months')
          ELSE 'null'::jsonb END
      ) AS output
      FROM "ComputeCache" c
      WHERE c."caseId" = ANY(${ids}::uuid[])`,
  );
  const wanted = new Map(states.map((s) => [s.id, s]));
  for (const r of rows) {
    const s = wanted.get(r.caseId);
    if (s && s.version === r.version && s.trackingRevision === r.trackingRevision) out.set(r.caseId, r.output);
  }
  return out;
}

// Tags: short labels, trimmed, unique, at most 20 of 40 characters. A tracking change: the plan's
// version stays and an approval holds; the audit log records it.
export async function setCaseTags(
  actor: Actor,
  caseId: string,
  tags: string[],
): Promise<{ id: string; tags: string[] }> {
  if (!isUuid(caseId)) throw new AppError("not_found", "not found");
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  return readDb(() =>
    prisma.$transaction(async (tx) => {
      const row = await tx.businessCase.findFirst({
        where: { AND: [{ id: caseId }, caseWhere(actor, "editor")] },
        select: { id: true, workspaceId: true, version: true, tags: true },
      });
      if (!row) {
        const visible = await tx.businessCase.count({ where: { AND: [{ id: caseId }, caseWhere(actor, "viewer")] } });
        if (visible) throw new AppError("forbidden", "this needs the editor role");
        throw new AppError("not_found", "not found");
      }
      await tx.businessCase.update({ where: { id: caseId }, data: { tags: clean } });
      await recordAudit(
        tx,
        actor,
        { workspaceId: row.workspaceId, caseId, version: row.version },
        {
          action: "case.tags",
          entityType: "case",
          entityId: caseId,
          before: { tags: row.tags },
          after: { tags: clean },
        },
      );
      return { id: caseId, tags: clean };
    }),
  );
}

export interface PortfolioPlanSummaryDTO {
  id: string;
  name: string;
  currency: string;
  createdBy: string;
  createdAt: string;
}

export interface PortfolioPlanDTO extends PortfolioPlanSummaryDTO {
  input: unknown;
  result: unknown;
}

const planSummarySelect = {
  id: true,
  name: true,
  currency: true,
  createdByName: true,
  createdAt: true,
} satisfies Prisma.PortfolioPlanSelect;

function toPlanSummary(
  r: Prisma.PortfolioPlanGetPayload<{ select: typeof planSummarySelect }>,
): PortfolioPlanSummaryDTO {
  return {
    id: r.id,
    name: r.name,
    currency: r.currency,
    createdBy: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listPortfolioPlans(actor: Actor, workspaceRef: string): Promise<PortfolioPlanSummaryDTO[]> {
  return readDb(async () => {
    const ws = await resolveWorkspace(prisma, actor, workspaceRef, "viewer");
    const rows = await prisma.portfolioPlan.findMany({
      where: { workspaceId: ws.id },
      select: planSummarySelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 500,
    });
    return rows.map(toPlanSummary);
  });
}

export async function getPortfolioPlanOrThrow(
  actor: Actor,
  workspaceRef: string,
  planId: string,
): Promise<PortfolioPlanDTO> {
  if (!isUuid(planId)) throw new AppError("not_found", "not found");
  return readDb(async () => {
    const ws = await resolveWorkspace(prisma, actor, workspaceRef, "viewer");
    const row = await prisma.portfolioPlan.findFirst({
      where: { id: planId, workspaceId: ws.id },
      select: { ...planSummarySelect, input: true, result: true },
    });
    if (!row) throw new AppError("not_found", "not found");
    return { ...toPlanSummary(row), input: row.input, result: row.result };
  });
}

// Refuses a caller who may not save plans before any work is done for them (403 for a member
// whose role is too low, 404 otherwise).
export async function assertCanSavePlans(actor: Actor, workspaceRef: string): Promise<void> {
  await readDb(() => resolveWorkspace(prisma, actor, workspaceRef, "editor"));
}

export async function createPortfolioPlan(
  actor: Actor,
  workspaceRef: string,
  plan: { name: string; currency: string; input: object; result: object },
): Promise<PortfolioPlanDTO> {
  return readDb(() =>
    prisma.$transaction(async (tx) => {
      const ws = await resolveWorkspace(tx, actor, workspaceRef, "editor");
      const row = await tx.portfolioPlan.create({
        data: {
          workspaceId: ws.id,
          name: plan.name,
          currency: plan.currency,
          input: plan.input as Prisma.InputJsonValue,
          result: plan.result as Prisma.InputJsonValue,
          createdByUserId: actor.kind === "user" ? actor.userId : null,
          createdByTokenId: actor.kind === "token" ? actor.tokenId : null,
          createdByName: await actorDisplayName(tx, actor),
        },
        select: { ...planSummarySelect, input: true, result: true },
      });
      await recordAudit(
        tx,
        actor,
        { workspaceId: ws.id, caseId: null, version: null },
        { action: "portfolio.plan.create", entityType: "portfolio-plan", entityId: row.id, after: { name: plan.name } },
      );
      return { ...toPlanSummary(row), input: row.input, result: row.result };
    }),
  );
}
