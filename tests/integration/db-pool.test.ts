// pg's DeprecationWarning "client.query() when the client is already executing a query": Prisma
// sends a transaction's independent queries together on its one connection; lib/db/client.ts runs
// them one after the other, so the warning (and pg 9's removal of that queue) never applies.
import { expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { createCaseFromFile, getCaseOrThrow } from "@/lib/db/cases";
import { buildWorld, loadCaseFile } from "./cases-world";

it("writing and reading whole cases (transactions with many queries) raises no pg deprecation warning", async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  try {
    const w = await buildWorld();
    const created = await Promise.all([1, 2, 3].map(() => createCaseFromFile(w.actors.owner, "alpha", loadCaseFile())));
    for (const c of created) expect((await getCaseOrThrow(w.actors.owner, c.caseId)).lines.length).toBeGreaterThan(10);
    await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on the next tick
  } finally {
    process.off("warning", onWarning);
  }
  expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
}, 120_000);
