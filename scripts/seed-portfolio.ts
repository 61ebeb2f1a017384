// A workspace of many cases for the portfolio (docs/portfolio.md "Scale"): copies of the demo case
// with amounts scaled, start months spread over two years and tags, each computed once so its
// output is in the compute cache as the app leaves it. Run against DATABASE_URL:
//   node --conditions=react-server --import tsx scripts/seed-portfolio.ts <workspace-slug> [count]
// The workspace must exist; its first owner creates the cases. Refuses NODE_ENV=production.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import type { Actor } from "@/lib/db/access";
import { createCaseFromFile } from "@/lib/db/cases";
import { prisma } from "@/lib/db/client";
import { setCaseTags } from "@/lib/db/portfolio";
import { getCaseCompute } from "@/lib/services/compute-case";

const root = path.resolve(import.meta.dirname, "..");
const TAGS = ["sales", "service", "marketing", "platform", "compliance"];

// The i-th case: the demo case with its amounts scaled by a factor from 0.3 to 2.2 (costs and
// benefits by different factors, so the cases differ in worth), its start month moved.
export function portfolioCase(i: number): CaseFile {
  const demo = JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8"));
  const scale = (v: string, f: number) => (Number(v) * f).toFixed(2);
  const costF = 0.3 + ((i * 37) % 100) / 52;
  const benefitF = 0.3 + ((i * 61) % 100) / 48;
  for (const s of demo.scenarios)
    for (const [kind, f] of [
      ["costs", costF],
      ["benefits", benefitF],
    ] as const)
      for (const line of s[kind]) {
        for (const key of ["amount", "low", "high"]) if (typeof line[key] === "string") line[key] = scale(line[key], f);
        if (line.schedule)
          line.schedule = Object.fromEntries(Object.entries(line.schedule).map(([m, v]) => [m, scale(String(v), f)]));
        delete line.id;
      }
  demo.name = `Portfolio case ${String(i + 1).padStart(3, "0")}`;
  demo.startMonth = `${2027 + Math.floor((i % 24) / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
  const parsed = parseCaseFile(demo);
  if (!parsed.ok) throw new Error(parsed.issues.map((x) => `${x.path}: ${x.message}`).join("; "));
  return parsed.value;
}

export async function seedPortfolio(slug: string, count: number, log = (m: string) => console.log(m)) {
  const owner = await prisma.membership.findFirst({
    where: { workspace: { slug }, role: "owner" },
    select: { userId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!owner) throw new Error(`no workspace "${slug}" with an owner`);
  const actor: Actor = { kind: "user", userId: owner.userId };
  for (let i = 0; i < count; i++) {
    const created = await createCaseFromFile(actor, slug, portfolioCase(i));
    await setCaseTags(actor, created.caseId, [TAGS[i % TAGS.length]!]);
    await getCaseCompute(actor, created.caseId);
    if ((i + 1) % 50 === 0) log(`seeded ${i + 1} of ${count}`);
  }
  return actor;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (process.env.NODE_ENV === "production") {
    console.error("seed-portfolio: refusing to run with NODE_ENV=production");
    process.exit(1);
  }
  const [slug, count = "500"] = process.argv.slice(2);
  if (!slug || !/^\d+$/.test(count)) {
    console.error("usage: seed-portfolio.ts <workspace-slug> [count]");
    process.exit(2);
  }
  seedPortfolio(slug, Number(count))
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`seed-portfolio: ${(error as Error).message}`);
      process.exit(1);
    });
}
