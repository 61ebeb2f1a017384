// Proves the SQL migrations build exactly prisma/schema.prisma: a database built from the
// migrations and one built from the datamodel alone (by Prisma's own schema engine) must have the
// same tables, columns, types, nullability, defaults, enums, uniques, indexes and foreign keys.
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, cpSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../../scripts/lib/migrate";
import { diffSql } from "../../scripts/lib/schema-diff";
import { createDatabase } from "../../scripts/lib/embedded-db";
import { describeSchema } from "../helpers/describe-schema";

const admin = () => inject("adminDatabaseUrl");
const dbUrl = (name: string) => admin().replace(/\/postgres$/, `/${name}`);

async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}"`);
  await client.end();
  await createDatabase(admin(), name);
  return dbUrl(name);
}

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  let fromMigrations: string;
  let fromDatamodel: string;

  beforeAll(async () => {
    fromMigrations = await freshDatabase("drift_migrations");
    await applyMigrations(fromMigrations, { quiet: true });
    fromDatamodel = await freshDatabase("drift_datamodel");
    await exec(fromDatamodel, await diffSql(fromDatamodel, { fromSchema: null, toSchema: schema }));
  });

  it("build exactly the database schema.prisma describes", async () => {
    const actual = await describeSchema(fromMigrations);
    const expected = await describeSchema(fromDatamodel);
    expect(actual.tables.length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);
  });

  it("notice a field added to schema.prisma without a migration", async () => {
    const changed = schema.replace("model Kpi {\n", "model Kpi {\n  drifted   String?\n");
    const url = await freshDatabase("drift_changed");
    await exec(url, await diffSql(url, { fromSchema: null, toSchema: changed }));
    const actual = await describeSchema(fromMigrations);
    expect(await describeSchema(url)).not.toEqual(actual);
  });

  it("records migrations as Prisma does and re-running is a no-op", async () => {
    const client = new pg.Client({ connectionString: fromMigrations });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
    expect(await applyMigrations(fromMigrations, { quiet: true })).toEqual([]);
  });

  it("refuses to go on when an applied migration's file has changed", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-mig-"));
    try {
      cpSync(MIGRATIONS_DIR, tmp, { recursive: true });
      const first = readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8");
      expect(first).toContain('provider = "postgresql"');
      const [name] = (await import("../../scripts/lib/migrate")).readMigrations(tmp).map((m) => m.name);
      writeFileSync(path.join(tmp, name!, "migration.sql"), readFileSync(path.join(tmp, name!, "migration.sql"), "utf8") + "\n-- edited\n");
      await expect(applyMigrations(fromMigrations, { dir: tmp, quiet: true })).rejects.toThrow(/was changed after it was applied/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration completely", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-mig-"));
    try {
      cpSync(MIGRATIONS_DIR, tmp, { recursive: true });
      mkdirSync(path.join(tmp, "99991231000000_broken"));
      writeFileSync(path.join(tmp, "99991231000000_broken", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT 1/0;`);
      await expect(applyMigrations(fromMigrations, { dir: tmp, quiet: true })).rejects.toThrow(/99991231000000_broken failed/);
      const client = new pg.Client({ connectionString: fromMigrations });
      await client.connect();
      const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
      const recorded = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99991231000000_broken'`);
      await client.end();
      expect(half.rows[0].t).toBeNull();
      expect(recorded.rowCount).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("guards money against NaN and Infinity in the database itself", async () => {
    const client = new pg.Client({ connectionString: fromMigrations });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Workspace" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'w', 'w-guard', now())`);
      await expect(
        client.query(
          `INSERT INTO "BusinessCase" (id, "workspaceId", name, currency, "startMonth", "discountRate", "updatedAt")
           SELECT gen_random_uuid(), id, 'c', 'SEK', '2027-01', 'NaN', now() FROM "Workspace" WHERE slug = 'w-guard'`,
        ),
      ).rejects.toThrow(/BusinessCase_discountRate_check/);
    } finally {
      await client.end();
    }
  });

  afterAll(() => {});
});
