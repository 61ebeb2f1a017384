// The workspace's reporting currency and its own dated rates (docs/currencies.md), which the
// portfolio converts each case's monthly flows with (lib/finance/fx.ts convertSeries).
//
//   getWorkspaceReportingRates(actor, workspaceRef)         viewer -> ReportingRatesDTO
//   setWorkspaceReportingRates(actor, workspaceRef, input)  owner  -> ReportingRatesDTO
import "server-only";
import type { ReportingRates } from "@/lib/case-file/fx";
import { AppError } from "@/lib/errors";
import { isUuid, workspaceWhere, type Actor } from "./access";
import { prisma } from "./client";
import { mapDbError, readDb } from "./errors";
import type { Prisma } from "./generated/client";

export interface ReportingRatesDTO {
  workspaceId: string;
  currency: string | null; // null: not set (the portfolio then needs every case in one currency)
  rates: ReportingRates["rates"];
}

function refWhere(ref: string): Prisma.WorkspaceWhereInput {
  return isUuid(ref) ? { OR: [{ id: ref }, { slug: ref }] } : { slug: ref };
}

const select = { id: true, reportingCurrency: true, reportingRates: true } as const;

function toDTO(row: { id: string; reportingCurrency: string | null; reportingRates: unknown }): ReportingRatesDTO {
  return {
    workspaceId: row.id,
    currency: row.reportingCurrency,
    rates: (row.reportingRates as ReportingRates["rates"] | null) ?? {},
  };
}

export async function getWorkspaceReportingRates(actor: Actor, workspaceRef: string): Promise<ReportingRatesDTO> {
  const row = await readDb(() =>
    prisma.workspace.findFirst({ where: { AND: [refWhere(workspaceRef), workspaceWhere(actor, "viewer")] }, select }),
  );
  if (!row) throw new AppError("not_found", "not found");
  return toDTO(row);
}

// Owners only: members who are not owners are told why (403); anyone else learns nothing (404).
export async function setWorkspaceReportingRates(
  actor: Actor,
  workspaceRef: string,
  input: ReportingRates,
): Promise<ReportingRatesDTO> {
  try {
    return await prisma.$transaction(async (tx) => {
      const ws = await tx.workspace.findFirst({
        where: { AND: [refWhere(workspaceRef), workspaceWhere(actor, "owner")] },
        select,
      });
      if (!ws) {
        const visible = await tx.workspace.count({
          where: { AND: [refWhere(workspaceRef), workspaceWhere(actor, "viewer")] },
        });
        throw visible
          ? new AppError("forbidden", "only owners set the workspace's reporting currency")
          : new AppError("not_found", "not found");
      }
      const row = await tx.workspace.update({
        where: { id: ws.id },
        data: { reportingCurrency: input.currency, reportingRates: input.rates },
        select,
      });
      await tx.auditEvent.create({
        data: {
          workspaceId: ws.id,
          actorUserId: actor.kind === "user" ? actor.userId : null,
          actorTokenId: actor.kind === "token" ? actor.tokenId : null,
          action: "workspace.reporting-currency",
          entityType: "workspace",
          entityId: ws.id,
          before: { currency: ws.reportingCurrency, rates: (ws.reportingRates ?? {}) as Prisma.InputJsonValue },
          after: { currency: input.currency, rates: input.rates },
        },
      });
      return toDTO(row);
    });
  } catch (error) {
    throw mapDbError(error);
  }
}
