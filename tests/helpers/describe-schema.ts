// A comparable description of a PostgreSQL schema from pg_catalog: tables, columns (exact type
// with precision, nullability, default), enums, indexes (with uniqueness), primary keys, unique
// constraints and foreign keys (with their ON DELETE / ON UPDATE actions).
// CHECK constraints are left out: they are hand-written guards that schema.prisma cannot express.
import pg from "pg";

export interface SchemaDescription {
  tables: string[];
  columns: string[];
  enums: string[];
  indexes: string[];
  constraints: string[];
}

const SKIP = `('_prisma_migrations')`;

export async function describeSchema(url: string): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query<{ d: string }>(sql)).rows.map((r) => r.d).sort();
  try {
    return {
      tables: await q(`SELECT c.relname AS d FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                         AND c.relname NOT IN ${SKIP}`),
      // format_type keeps what information_schema loses (timestamp(3) vs timestamp(6), numeric(28,10)).
      columns: await q(`SELECT c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod)
                               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                               || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                               || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
                               || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS d
                        FROM pg_attribute a
                        JOIN pg_class c ON c.oid = a.attrelid
                        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                          AND c.relname NOT IN ${SKIP} AND a.attnum > 0 AND NOT a.attisdropped`),
      enums: await q(`SELECT t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS d
                      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
                      WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`),
      indexes: await q(`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ${SKIP}`),
      constraints: await q(`SELECT conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid) AS d
                            FROM pg_constraint
                            WHERE contype IN ('p', 'u', 'f', 'x') AND connamespace = 'public'::regnamespace
                              AND conrelid::regclass::text NOT IN ('"_prisma_migrations"', '_prisma_migrations')`),
    };
  } finally {
    await client.end();
  }
}

// Readable differences between two descriptions: what only the expected (schema.prisma) side has,
// and what only the actual (migrations) side has. Empty when they match.
export function schemaDifferences(fromMigrations: SchemaDescription, fromDatamodel: SchemaDescription): string[] {
  const out: string[] = [];
  for (const key of Object.keys(fromDatamodel) as (keyof SchemaDescription)[]) {
    const a = new Set(fromMigrations[key]);
    const b = new Set(fromDatamodel[key]);
    for (const item of b) if (!a.has(item)) out.push(`${key} only in schema.prisma: ${item}`);
    for (const item of a) if (!b.has(item)) out.push(`${key} only in the migrations: ${item}`);
  }
  return out;
}
