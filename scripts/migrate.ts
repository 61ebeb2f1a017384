// npm run db:migrate: applies the SQL migrations to DATABASE_URL.
import { applyMigrations } from "./lib/migrate";
import { oneLine } from "./lib/one-line";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("db:migrate: DATABASE_URL is not set (example: postgresql://user:pass@localhost:5432/caseboard)");
  process.exit(1);
}
applyMigrations(url)
  .then((applied) => console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date"))
  .catch((error: unknown) => {
    console.error(`db:migrate: ${oneLine(error)}`);
    process.exit(1);
  });
