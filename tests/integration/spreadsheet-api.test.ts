// GET /cases/{id}/export.xlsx, /lines.csv and /cash-flow.csv through the real route handlers on a
// real PostgreSQL: viewers download, outsiders get 404, the workbook (written in a worker thread and
// streamed) carries the engine's figures as cached values under live formulas, CSV cells are
// neutralised (ASVS 1.2.10).
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { GET } from "@/app/api/v1/cases/[caseId]/export.xlsx/route";
import { createCaseFromFile } from "@/lib/db/cases";
import { computeCase } from "@/lib/finance/compute";
import { workersAvailable } from "@/lib/workers/pool";
import { syntheticCase } from "../../bench/engine-cases";
import { prisma } from "@/lib/db/client";
import { authHeaders, call, ORIGIN } from "./api-client";
import { buildWorld, loadCaseFile, type RoleName, type World } from "./cases-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

async function download(as: RoleName) {
  const request = new Request(`${ORIGIN}/api/v1/cases/${w.caseId}/export.xlsx`, { headers: authHeaders(w, as) });
  return GET(request, { params: Promise.resolve({ caseId: w.caseId }) });
}

describe("the workbook download", () => {
  it("gives a viewer the workbook: formulas with the engine's figures cached", async () => {
    const response = await download("viewer");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toMatch(/\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "Inputs",
        "Summary",
        "current lines",
        "current flows",
        "upgrade lines",
        "upgrade flows",
        "upgrade-vs-current",
        "Risks",
        "KPIs",
      ]),
    );
    expect(wb.worksheets[0]!.name).toBe("Summary");
    const figures = wb.getWorksheet("Figures")!;
    const expected = computeCase(loadCaseFile());
    const npv = figures.getCell("G3").value as ExcelJS.CellFormulaValue;
    expect(figures.getCell("A3").value).toBe("upgrade");
    expect(npv.formula).toMatch(/^SUM\(/);
    expect(Math.abs((npv.result as number) - Number(expected.scenarios[1]!.npv))).toBeLessThan(1e-6);
  });

  // The workbook is written in a worker thread (lib/workers) and its bytes streamed to the
  // response: a 2 x 400-line case's export leaves the request thread answering (no stall of 1.5 s).
  it("streams a big workbook from a worker while the request thread keeps answering", async () => {
    expect(workersAvailable()).toBe(true);
    const big = await createCaseFromFile(w.actors.owner, "alpha", syntheticCase(400, 60, 2));
    expect((await call("computeCase", { caseId: big.caseId }, { as: "owner" }, w)).status).toBe(200);
    let last = performance.now();
    let stallMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last);
      last = now;
    }, 10);
    try {
      const request = new Request(`${ORIGIN}/api/v1/cases/${big.caseId}/export.xlsx`, {
        headers: authHeaders(w, "owner"),
      });
      const response = await GET(request, { params: Promise.resolve({ caseId: big.caseId }) });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toMatch(/\.xlsx/);
      const chunks: Uint8Array[] = [];
      for await (const chunk of response.body!) chunks.push(chunk);
      expect(chunks.length).toBeGreaterThan(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      expect(wb.getWorksheet("s1 flows")!.rowCount).toBeGreaterThan(400);
      expect(wb.getWorksheet("Figures")!.getCell("A2").value).toBe("s0");
    } finally {
      clearInterval(timer);
    }
    expect(stallMs, `the event loop stalled ${Math.round(stallMs)} ms`).toBeLessThan(1_500);
  }, 180_000);

  it("answers 404 to an outsider and 401 to nobody", async () => {
    expect((await download("outsider")).status).toBe(404);
    expect((await download("anonymous")).status).toBe(401);
  });
});

describe("the CSV downloads", () => {
  it("neutralises every cell that begins with = + - @ tab or CR", async () => {
    const line = await prisma.caseLine.findFirstOrThrow({ where: { scenarioId: w.scenarioId } });
    await prisma.caseLine.update({ where: { id: line.id }, data: { name: '=HYPERLINK("http://evil","x")' } });
    const r = await call("exportLinesCsv", { caseId: w.caseId }, { as: "viewer", query: "scenario=upgrade" }, w);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(r.text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(r.text.split("\r\n")[0]).toMatch(/^kind,id,name,category,amount/);
    const flows = await call("exportCashFlowCsv", { caseId: w.caseId }, { as: "viewer", query: "scenario=current" }, w);
    expect(flows.status).toBe(200);
    // The baseline's net is negative every month: each such cell starts with the quote.
    const net = flows.text.split("\r\n").find((l) => l.startsWith("total,net,"))!;
    expect(
      net
        .split(",")
        .slice(3)
        .every((c) => c === "0" || c.startsWith("'-")),
    ).toBe(true);
    for (const cell of flows.text.split(/[,\r\n]/)) expect(cell).not.toMatch(/^[=+\-@\t]/);
  });

  it("answers 422 naming the scenario for an unknown key, 404 to an outsider", async () => {
    const r = await call("exportLinesCsv", { caseId: w.caseId }, { as: "viewer", query: "scenario=nope" }, w);
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/scenario/);
    expect((await call("exportCashFlowCsv", { caseId: w.caseId }, { as: "outsider" }, w)).status).toBe(404);
  });
});
