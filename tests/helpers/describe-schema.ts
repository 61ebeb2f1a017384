// A comparable description of a PostgreSQL schema from pg_catalog: tables, columns (type,
// nullability, default), enums, indexes (with uniqueness), and foreign keys (with actions).
// CHECK constraints are left out: they are hand-written guards that schema.prisma cannot express.
import pg from "pg";

export interface SchemaDescription {
  tables: string[];
  columns: string[];
  enums: string[];
  indexes: string[];
  foreignKeys: string[];
  primaryKeys: string[];
}

export async function describeSchema(url: string): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query(sql)).rows.map((r) => Object.values(r).join(" | ")).sort();
  try {
    const skip = `NOT IN ('_prisma_migrations')`;
    return {
      tables: await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name ${skip}`),
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
                               numeric_scale, is_nullable, column_default
                        FROM information_schema.columns WHERE table_schema = 'public' AND table_name ${skip}`),
      enums: await q(`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename ${skip}`),
      foreignKeys: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                            FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`),
      primaryKeys: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                            FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace
                              AND conrelid::regclass::text <> '_prisma_migrations'`),
    };
  } finally {
    await client.end();
  }
}
