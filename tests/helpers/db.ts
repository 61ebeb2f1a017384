// Real-database helpers for integration tests. DATABASE_URL comes from the global setup.
import pg from "pg";

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
    const r = await getPool().query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`);
    parts.push(`${tablename}:${r.rows[0].h}`);
  }
  return parts.join("\n");
}
