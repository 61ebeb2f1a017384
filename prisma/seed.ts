// Demo data: two users (owner and viewer) in the workspace "Nordic Retail AB", then each further
// step in SEED_STEPS (the demo CRM case is one step: see lib/db/seed-demo.ts). Idempotent; refuses
// to run against production unless --force is given.
import { seedDemo } from "@/lib/db/seed-demo";

async function main() {
  if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
    console.error("db:seed: refusing to load demo data with NODE_ENV=production (pass --force to insist)");
    process.exit(1);
  }
  const done = await seedDemo();
  console.log(done.length ? `seeded: ${done.join(", ")}` : "demo data already present");
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`db:seed: ${(error as Error).message}`);
  process.exit(1);
});
