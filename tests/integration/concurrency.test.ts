// No lost update (docs/architecture.md#reliability): 20 clients edit the same case at once through the API.
// Every acknowledged write is in the final state, every refusal was a 409 that changed nothing, and
// the audit trail has exactly one row per acknowledged write.
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { prisma } from "@/lib/db/client";
import { call } from "./api-client";
import { buildWorld, caseVersion } from "./cases-world";

interface Outcome {
  client: number;
  kind: "line" | "kpi";
  value: string;
  status: number;
  version?: number;
}

describe("20 concurrent clients on one case", () => {
  it("keeps every acknowledged write, refuses the rest with 409, audits each acknowledged one once", async () => {
    const w = await buildWorld();
    const startVersion = w.version;
    const auditBefore = await prisma.auditEvent.count({ where: { caseId: w.caseId } });
    const outcomes: Outcome[] = [];
    const ROUNDS = 4;

    // Each client reads the case version, then writes based on it: half change the same line's
    // amount, half add a KPI. Clients start together, so most rounds race for one version.
    await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        for (let round = 0; round < ROUNDS; round++) {
          const as = client % 3 === 0 ? "editor" : client % 3 === 1 ? "tokenEditor" : "owner";
          const read = await call("getCase", { caseId: w.caseId }, { as: "tokenViewer" }, w);
          const version: number = read.json.version;
          if (client % 2 === 0) {
            const value = String(34000 + client * 10 + round);
            const r = await call(
              "updateLine",
              { lineId: w.lineId },
              { as, ifMatch: version, body: { amount: value } },
              w,
            );
            outcomes.push({ client, kind: "line", value, status: r.status, version: r.json?.version });
            if (r.status === 409) expect(r.json.error.details.currentVersion).toBeGreaterThan(version - 1);
          } else {
            const value = `KPI ${client}-${round}`;
            const r = await call("addKpi", { caseId: w.caseId }, { as, ifMatch: version, body: { name: value } }, w);
            outcomes.push({ client, kind: "kpi", value, status: r.status, version: r.json?.version });
          }
        }
      }),
    );

    // Every answer is an acknowledgement or a 409: no lost request, no 5xx.
    for (const o of outcomes) expect([200, 201, 409], JSON.stringify(o)).toContain(o.status);
    const acked = outcomes.filter((o) => o.status !== 409);
    const refused = outcomes.filter((o) => o.status === 409);
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0); // 20 clients racing: most rounds conflict
    console.info(
      `concurrency: ${outcomes.length} writes, ${acked.length} acknowledged, ${refused.length} refused with 409`,
    );

    // Acknowledged writes got distinct, consecutive versions; the case is at the last of them.
    const versions = acked.map((o) => o.version!).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: acked.length }, (_, i) => startVersion + 1 + i));
    expect(await caseVersion(w.caseId)).toBe(startVersion + acked.length);

    // Final state = acknowledged writes: the line holds the amount of the latest acknowledged
    // line write; every acknowledged KPI exists, no refused one does.
    const lastLine = acked.filter((o) => o.kind === "line").sort((a, b) => b.version! - a.version!)[0];
    const line = await prisma.caseLine.findUniqueOrThrow({ where: { id: w.lineId }, select: { amount: true } });
    if (lastLine) expect(line.amount!.toString()).toBe(lastLine.value);
    const kpis = new Set(
      (await prisma.kpi.findMany({ where: { caseId: w.caseId }, select: { name: true } })).map((k) => k.name),
    );
    for (const o of acked.filter((o) => o.kind === "kpi")) expect(kpis.has(o.value), o.value).toBe(true);
    for (const o of refused.filter((o) => o.kind === "kpi")) expect(kpis.has(o.value), o.value).toBe(false);

    // The audit trail: exactly one row per acknowledged write, at its version, with its value.
    const audit = await prisma.auditEvent.findMany({
      where: { caseId: w.caseId },
      orderBy: { id: "asc" },
      skip: auditBefore,
    });
    expect(audit).toHaveLength(acked.length);
    const byVersion = new Map(audit.map((a) => [a.caseVersion, a]));
    for (const o of acked) {
      const row = byVersion.get(o.version!)!;
      expect(row, `audit for version ${o.version}`).toBeTruthy();
      if (o.kind === "line") {
        expect(row.action).toBe("line.update");
        expect((row.after as { amount: string }).amount).toBe(o.value);
      } else {
        expect(row.action).toBe("kpi.create");
        expect((row.after as { name: string }).name).toBe(o.value);
      }
    }
  });
});
