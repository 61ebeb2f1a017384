// GET /cases/{id}/export.xlsx, /lines.csv and /cash-flow.csv through the real route handlers on a
// real PostgreSQL: viewers download, outsiders get 404, the workbook carries the engine's figures
// as cached values under live formulas, CSV cells are neutralised (ASVS 1.2.10).
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { GET } from "@/app/api/v1/cases/[caseId]/export.xlsx/route";
import { computeCase } from "@/lib/finance/compute";
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
    const summary = wb.getWorksheet("Summary")!;
    const expected = computeCase(loadCaseFile());
    const npv = summary.getCell("G3").value as ExcelJS.CellFormulaValue;
    expect(summary.getCell("A3").value).toBe("upgrade");
    expect(npv.formula).toMatch(/^SUM\(/);
    expect(Math.abs((npv.result as number) - Number(expected.scenarios[1]!.npv))).toBeLessThan(1e-6);
  });

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
