// Applies prisma/migrations/<stamp>_<name>/migration.sql in order and records each in
// _prisma_migrations exactly as `prisma migrate deploy` does (same table, sha256 checksums), so
// the Prisma CLI can take over wherever it runs. Each migration runs in its own transaction; a
// changed or missing applied migration stops everything; an advisory lock keeps two instances
// that start together from racing.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { oneLine } from "./one-line";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_ID = 72_707_369; // Prisma's own advisory lock key for migrations

export class MigrationError extends Error {}

export interface MigrationFileInfo {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFileInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file))
        throw new MigrationError(`prisma/migrations/${name} has no migration.sql; add it or remove the folder`);
      const sql = readFileSync(file, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; quiet?: boolean } = {},
): Promise<string[]> {
  const log = options.quiet ? () => {} : (m: string) => console.log(m);
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`cannot connect to the database (${oneLine(error)}); check DATABASE_URL`);
  }
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of rows) {
      const file = known.get(row.migration_name);
      if (!file) {
        throw new MigrationError(
          `migration ${row.migration_name} is applied to the database but missing from prisma/migrations; restore it before migrating`,
        );
      }
      if (row.finished_at === null) {
        throw new MigrationError(
          `migration ${row.migration_name} failed earlier and was not finished; fix the database by hand and mark it rolled back`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${row.migration_name} was changed after it was applied; restore the original file and put the change in a new migration`,
        );
      }
    }
    const done = new Set(rows.map((r) => r.migration_name));
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      const id = randomUUID();
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, now(), 1)`,
          [id, m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(`migration ${m.name} failed: ${oneLine(error)}`);
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
