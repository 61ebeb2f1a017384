// Prisma's schema engine (WebAssembly build) computing the SQL between a live database or an
// empty one and a datamodel. Used by the migration generator and the drift test only.
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine, type DiffTarget } from "@prisma/schema-engine-wasm";

export async function diffSql(
  databaseUrl: string,
  options: { fromSchema: string | null; toSchema: string },
): Promise<string> {
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }) as never);
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", options.toSchema]] }, () => {}, factory);
  try {
    const files = { files: [{ path: "schema.prisma", content: options.toSchema }] };
    // Introspecting a live PostgreSQL fails in the wasm build ("Column type 'char' could not be
    // deserialized"), so diffs go from datamodel to datamodel: the previous snapshot, or empty.
    const from: DiffTarget =
      options.fromSchema === null
        ? { tag: "empty" }
        : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: options.fromSchema }] };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", ...files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
