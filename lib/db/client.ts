import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getDatabaseUrl } from "@/lib/env";

// One client per process. Next's dev server reloads modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { caseboardPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: getDatabaseUrl(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = globalForPrisma.caseboardPrisma ?? createClient();
globalForPrisma.caseboardPrisma = prisma;
