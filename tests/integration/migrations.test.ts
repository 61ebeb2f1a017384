// Proves the SQL migrations build exactly prisma/schema.prisma: a database built from the
// migrations and one built from the datamodel alone (by Prisma's own schema engine) must have the
// same tables, columns, types, nullability, defaults, enums, uniques, indexes and foreign keys.
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, cpSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "../../scripts/lib/migrate";
import { diffSql } from "../../scripts/lib/schema-diff";
import { createDatabase } from "../../scripts/lib/embedded-db";
import { describeSchema, schemaDifferences } from "../helpers/describe-schema";

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
    expect(expected.tables.length).toBeGreaterThan(10);
    // On a difference: npm run db:migration:new -- <name> writes the missing migration.
    expect(schemaDifferences(actual, expected), "schema.prisma and prisma/migrations disagree").toEqual([]);
  });

  it("notice a field added to schema.prisma without a migration", async () => {
    const changed = schema.replace("model Kpi {\n", "model Kpi {\n  drifted   String?\n");
    expect(changed).not.toBe(schema);
    const url = await freshDatabase("drift_changed");
    await exec(url, await diffSql(url, { fromSchema: null, toSchema: changed }));
    expect(schemaDifferences(await describeSchema(fromDatamodel), await describeSchema(url))).toEqual([
      "columns only in schema.prisma: Kpi.drifted: text NULL",
    ]);
  });

  it("keep the generator's snapshot equal to the datamodel the migrations build", async () => {
    // npm run db:migration:new diffs from this snapshot; a stale one would write a wrong migration.
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, "schema.snapshot.prisma"), "utf8");
    const sql = await diffSql(fromDatamodel, { fromSchema: snapshot, toSchema: schema });
    expect(sql.trim()).toMatch(/^(-- This is an empty migration\.?)?$/);
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
      const [name] = readMigrations(tmp).map((m) => m.name);
      writeFileSync(
        path.join(tmp, name!, "migration.sql"),
        readFileSync(path.join(tmp, name!, "migration.sql"), "utf8") + "\n-- edited\n",
      );
      await expect(applyMigrations(fromMigrations, { dir: tmp, quiet: true })).rejects.toThrow(
        /was changed after it was applied/,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("refuses to go on when an applied migration is missing from the folder", async () => {
    const url = await freshDatabase("missing_migration");
    await applyMigrations(url, { quiet: true });
    await exec(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES (gen_random_uuid()::text, repeat('0', 64), now(), '20990101000000_gone', 1)`,
    );
    await expect(applyMigrations(url, { quiet: true })).rejects.toThrow(
      /migration 20990101000000_gone is applied to the database but missing from prisma\/migrations/,
    );
  });

  it("applies each migration once when two instances migrate at the same time", async () => {
    const url = await freshDatabase("concurrent_migrate");
    const results = await Promise.all([applyMigrations(url, { quiet: true }), applyMigrations(url, { quiet: true })]);
    const count = readMigrations().length;
    expect(results.map((r) => r.length).sort()).toEqual([0, count]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    await client.end();
    expect(rows[0].n).toBe(count);
  });

  it("rolls back a failing migration completely", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-mig-"));
    try {
      cpSync(MIGRATIONS_DIR, tmp, { recursive: true });
      mkdirSync(path.join(tmp, "99991231000000_broken"));
      writeFileSync(
        path.join(tmp, "99991231000000_broken", "migration.sql"),
        `CREATE TABLE "Half" (id int);\nSELECT 1/0;`,
      );
      await expect(applyMigrations(fromMigrations, { dir: tmp, quiet: true })).rejects.toThrow(
        /99991231000000_broken failed/,
      );
      const client = new pg.Client({ connectionString: fromMigrations });
      await client.connect();
      const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
      const recorded = await client.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99991231000000_broken'`,
      );
      await client.end();
      expect(half.rows[0].t).toBeNull();
      expect(recorded.rowCount).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("carry the hand-written CHECK constraints schema.prisma cannot express", async () => {
    const client = new pg.Client({ connectionString: fromMigrations });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1`,
    );
    await client.end();
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "BusinessCase_horizon_check",
        "BusinessCase_discountRate_check",
        "CaseLine_amount_check",
        "CaseLine_rates_check",
        "CaseLine_months_check",
        "Risk_scores_check",
        "Risk_probability_check",
        "Kpi_values_check",
      ]),
    );
  });

  it("guards money against NaN and Infinity in the database itself", async () => {
    const client = new pg.Client({ connectionString: fromMigrations });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "Workspace" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'w', 'w-guard', now())`,
      );
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

  it("bound realisation, margin and labour as the case file's schemas do (shares 0..1, hours and people not negative)", async () => {
    const { shareField, nonNegativeAmountField } = await import("@/lib/case-file/decimal-field");
    const client = new pg.Client({ connectionString: fromMigrations });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "Workspace" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'w', 'w-bounds', now())`,
      );
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "BusinessCase" (id, "workspaceId", name, currency, "startMonth", "discountRate", "updatedAt")
         SELECT gen_random_uuid(), id, 'c', 'SEK', '2027-01', '0.08', now() FROM "Workspace" WHERE slug = 'w-bounds' RETURNING id`,
      );
      const caseId = rows[0]!.id;
      const { rows: sc } = await client.query<{ id: string }>(
        `INSERT INTO "Scenario" (id, "caseId", key, name) VALUES (gen_random_uuid(), $1, 'a', 'A') RETURNING id`,
        [caseId],
      );
      const insert = (column: string, value: string) =>
        client.query(
          `INSERT INTO "CaseLine" (id, "caseId", "scenarioId", kind, position, name, category, amount, month, "${column}", "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'benefit', 0, 'x', 'other', '1', 0, $3, now())`,
          [caseId, sc[0]!.id, value],
        );
      for (const [column, field, inside, outside] of [
        ["realisation", shareField(), "1", "1.5"],
        ["margin", shareField(), "0", "2"],
        ["labourHours", nonNegativeAmountField(), "0", "-1"],
        ["labourPeople", nonNegativeAmountField(), "0", "-1"],
      ] as const) {
        // The schema and the database agree on both sides of the bound.
        expect(field.safeParse(inside).success, `${column} ${inside}`).toBe(true);
        expect(field.safeParse(outside).success, `${column} ${outside}`).toBe(false);
        await expect(insert(column, outside), `${column} ${outside}`).rejects.toThrow(/CaseLine_(rates|labour)_check/);
      }
      await insert("realisation", "1");
    } finally {
      await client.end();
    }
  });
});
