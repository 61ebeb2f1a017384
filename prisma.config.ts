import { defineConfig } from "prisma/config";

// DATABASE_URL is only read at run time by lib/db/client.ts; `prisma generate` needs none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
