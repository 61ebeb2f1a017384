// Real-database helpers for integration tests. DATABASE_URL comes from the global setup
// (tests/integration/global-setup.ts), which also sets NODE_ENV=test and BCRYPT_COST=4.
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";

let pool: pg.Pool | undefined;

function getPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return pool;
}

// Empties every application table (not the migrations record) between tests.
export async function resetDatabase(): Promise<void> {
  const { rows } = await getPool().query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await getPool().query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

export async function countRows(table: string): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table.replace(/"/g, "")}"`);
  return Number(rows[0]?.n ?? 0);
}

// A fingerprint of every application table, to prove a refused operation changed nothing.
export async function snapshotDatabase(): Promise<string> {
  const { rows } = await getPool().query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const parts: string[] = [];
  for (const { tablename } of rows) {
    const r = await getPool().query(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    parts.push(`${tablename}:${r.rows[0].h}`);
  }
  return parts.join("\n");
}

// Fixtures: plain rows written straight through Prisma (no access checks), for arranging a test.
// Passwords are hashed with BCRYPT_COST (4 in tests, set by the global setup).
let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export const FIXTURE_PASSWORD = "fixture password 123";

export async function createUserFixture(
  overrides: { email?: string; name?: string; password?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = overrides.email ?? `user-${unique()}@example.com`;
  const password = overrides.password ?? FIXTURE_PASSWORD;
  const user = await prisma.user.create({
    data: { email, name: overrides.name ?? email.split("@")[0], passwordHash: await hashPassword(password) },
    select: { id: true },
  });
  return { id: user.id, email, password };
}

export async function createWorkspaceFixture(
  ownerId: string,
  overrides: { name?: string; slug?: string } = {},
): Promise<{ id: string; slug: string; name: string }> {
  const suffix = unique();
  const name = overrides.name ?? `Workspace ${suffix}`;
  const slug = overrides.slug ?? `ws-${suffix}`;
  const workspace = await prisma.workspace.create({
    data: { name, slug, memberships: { create: { userId: ownerId, role: "owner" } } },
    select: { id: true },
  });
  return { id: workspace.id, slug, name };
}

export async function addMember(
  workspaceId: string,
  userId: string,
  role: "owner" | "editor" | "viewer",
): Promise<void> {
  await prisma.membership.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, role },
    update: { role },
  });
}
