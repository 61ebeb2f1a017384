// POST /api/v1/workspaces/{workspace}/cases/import-workbook on a real PostgreSQL: a council's
// workbook becomes a case (all or nothing), ?preview=true writes nothing, an edited mapping is
// taken, problems name sheet and cell, and only editors of the workspace may import.
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import ExcelJS from "exceljs";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { getCaseFileOrThrow } from "@/lib/db/cases";
import { importWorkbookInWorker } from "@/lib/workers/pool";
import { councilBusinessCase, chineseColumnGroups } from "@/tests/fixtures/workbooks";
import { snapshotDatabase } from "../helpers/db";
import { handleOperation } from "@/lib/api/handler";
import { authHeaders, call, operation, ORIGIN } from "./api-client";
import { buildWorld, type RoleName, type World } from "./cases-world";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

function form(bytes: Uint8Array, name: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.set("file", new File([bytes as BlobPart], name));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const post = (
  as: RoleName,
  body: FormData,
  query?: string,
  workspace = "alpha",
  headers: Record<string, string> = {},
) => call("importWorkbook", { workspace }, { as, rawBody: body, headers, ...(query ? { query } : {}) }, w);

// A sheet of `rows` lines (a type column and three year columns) as .xlsx bytes.
async function bigSheet(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Model");
  ws.addRow(["Item", "Type", "Year 1", "Year 2", "Year 3"]);
  for (let i = 0; i < rows; i++) ws.addRow([`Item ${i + 1}`, i % 3 ? "Cost" : "Benefit", 100 + i, 200, 300]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("import-workbook", () => {
  it("previews without writing: mapping, yearly amounts, NPV beside the sheet's own", async () => {
    const before = await snapshotDatabase();
    const r = await post("editor", form(await councilBusinessCase(), "obc.xlsx"), "preview=true");
    expect(r.status, r.text).toBe(200);
    expect(r.json.data.mapping.sheets[0].sheet).toBe("Financial Case");
    expect(r.json.data.lines[0]).toMatchObject({
      name: "CRM platform licences",
      years: ["0", "120500", "120500", "124120", "124120"],
    });
    expect(r.json.data.sheetFigures[0]).toMatchObject({ what: "npv", where: "'Financial Case'!C16", differs: false });
    expect(r.json.data.file).toBeUndefined();
    expect(await snapshotDatabase()).toBe(before);
  });

  it("creates the case in one go, with its notes", async () => {
    const r = await post("editor", form(await chineseColumnGroups(), "测算.xlsx"));
    expect(r.status, r.text).toBe(201);
    const caseId = r.json.data.case.id;
    const { caseFile } = await getCaseFileOrThrow(w.actors.editor, caseId);
    expect(caseFile.currency).toBe("CNY");
    expect(caseFile.scenarios.map((s) => [s.name, s.baseline === true])).toEqual([
      ["维持现状", true],
      ["方案A", false],
    ]);
    expect(caseFile.scenarios[1]!.costs.map((l) => l.name)).toEqual(["软件许可", "实施咨询"]);
  });

  it("takes an edited mapping (a row left out)", async () => {
    const preview = await post("editor", form(await councilBusinessCase(), "obc.xlsx"), "preview=true");
    const mapping = preview.json.data.mapping;
    mapping.sheets[0].rows.find((row: { row: number }) => row.row === 6).skip = "excluded";
    mapping.name = "Edited import";
    const r = await post("editor", form(await councilBusinessCase(), "obc.xlsx", { mapping: JSON.stringify(mapping) }));
    expect(r.status, r.text).toBe(201);
    const { caseFile } = await getCaseFileOrThrow(w.actors.editor, r.json.data.case.id);
    expect(caseFile.name).toBe("Edited import");
    expect(caseFile.scenarios[0]!.costs.map((l) => l.name)).toEqual(["Implementation partner", "Staff training"]);
  });

  it("refuses a workbook with an unreadable amount, naming sheet and cell, and writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    ws.addRow(["Item", "Year 1", "Year 2"]);
    ws.addRow(["Licences", 100, "lots"]);
    const before = await snapshotDatabase();
    const r = await post("editor", form(new Uint8Array(await wb.xlsx.writeBuffer()), "bad.xlsx"));
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors).toEqual([{ path: "Model!C2", message: '"lots" is not an amount' }]);
    expect(r.json.error.details.problems).toEqual([
      { code: "notAmount", params: { value: "lots" }, where: "Model!C2", message: '"lots" is not an amount' },
    ]);
    // In the language the client asks for (Accept-Language, or ?locale=), the code and cell unchanged.
    const sv = await post("editor", form(new Uint8Array(await wb.xlsx.writeBuffer()), "bad.xlsx"), undefined, "alpha", {
      "accept-language": "sv-SE,sv;q=0.9,en;q=0.5",
    });
    expect(sv.json.error.fieldErrors).toEqual([{ path: "Model!C2", message: "”lots” är inget belopp" }]);
    expect(sv.json.error.details.problems[0]).toMatchObject({ code: "notAmount", where: "Model!C2" });
    const zh = await post("editor", form(new Uint8Array(await wb.xlsx.writeBuffer()), "bad.xlsx"), "locale=zh");
    expect(zh.json.error.fieldErrors[0].message).toBe("“lots”不是金额");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("streams the preview's progress (read, guess, build) before the result when asked for NDJSON", async () => {
    const before = await snapshotDatabase();
    const r = await post("editor", form(await bigSheet(6000), "big.xlsx"), "preview=true", "alpha", {
      accept: "application/x-ndjson",
    });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = r.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.type === "progress");
    expect(lines.at(-1).type).toBe("result");
    expect(lines.findIndex((l) => l.type === "result")).toBe(lines.length - 1);
    expect([...new Set(progress.map((l) => l.phase))]).toEqual(["read", "guess", "build"]);
    const builds = progress.filter((l) => l.phase === "build");
    expect(builds.length).toBeGreaterThanOrEqual(3); // every 2,000 rows
    expect(builds.at(-1)).toMatchObject({ done: builds.at(-1).total });
    for (const l of progress) expect(l.done).toBeLessThanOrEqual(l.total);
    const result = lines.at(-1).data;
    expect(result.lines).toHaveLength(6000);
    expect(result.file).toBeUndefined();
    expect(await snapshotDatabase()).toBe(before);
  });

  it("a client that goes away cancels the streamed work: nothing written, nothing logged as failed", async () => {
    const before = await snapshotDatabase();
    const errors = vi.spyOn(console, "error");
    const op = operation("importWorkbook");
    const request = new Request(`${ORIGIN}/api/v1/workspaces/alpha/cases/import-workbook?preview=true`, {
      method: "POST",
      headers: { ...authHeaders(w, "editor"), origin: ORIGIN, accept: "application/x-ndjson" },
      body: form(await bigSheet(30_000), "big.xlsx"),
    });
    const response = await handleOperation(op)(request, { params: Promise.resolve({ workspace: "alpha" }) });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(JSON.parse(first.value!.split("\n")[0]!)).toMatchObject({ type: "progress", phase: "read" });
    await reader.cancel();
    // The work ends as cancelled (not as a failure), and the next import still runs.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(errors.mock.calls.filter((c) => String(c[0]).includes("import-workbook"))).toEqual([]);
    errors.mockRestore();
    const next = await post("editor", form(await councilBusinessCase(), "obc.xlsx"), "preview=true");
    expect(next.status).toBe(200);
    expect(await snapshotDatabase()).toBe(before);
  });

  it("an aborted signal ends the worker's import before its result", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = importWorkbookInWorker(
      { bytes: await bigSheet(30_000), fileName: "big.xlsx", options: {} },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.phase);
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow();
    expect(seen).toEqual(["read"]);
  });

  it("OpenAPI documents both answers (JSON and the NDJSON stream) and the locale", () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, Json> }>>;
    };
    const op = doc.paths["/workspaces/{workspace}/cases/import-workbook"]!.post!;
    expect(Object.keys(op.responses["201"].content)).toEqual(["application/json", "application/x-ndjson"]);
    expect(op.responses["201"].description).toContain('"phase":"read"|"guess"|"build"');
    expect(op.parameters?.map((p) => p.name)).toContain("locale");
  });

  it("a stream that cannot read the file ends in an error line with the problem's code", async () => {
    const r = await post(
      "editor",
      form(new TextEncoder().encode("PK\u0003\u0004garbage"), "x.xlsx"),
      "preview=true",
      "alpha",
      {
        accept: "application/x-ndjson",
        "accept-language": "fr",
      },
    );
    expect(r.status).toBe(200);
    const last = JSON.parse(r.text.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", error: { code: "validation" } });
    expect(last.error.details.problems[0]).toMatchObject({ code: "notSpreadsheet", where: "x.xlsx" });
    expect(last.error.fieldErrors[0].message).toBe("le fichier n’est pas un tableur (.xlsx, .ods, .xls ou .csv)");
    // Access is checked before the stream starts: a viewer gets 403, not a stream.
    const viewer = await post("viewer", form(await councilBusinessCase(), "obc.xlsx"), "preview=true", "alpha", {
      accept: "application/x-ndjson",
    });
    expect(viewer.status).toBe(403);
  });

  it("refuses bad forms with the field named, never a 5xx", async () => {
    let r = await post("editor", form(await councilBusinessCase(), "obc.xlsx", { mapping: "{not json" }));
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors[0].path).toBe("mapping");
    r = await post("editor", form(await councilBusinessCase(), "obc.xlsx", { mapping: JSON.stringify({ name: "x" }) }));
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors.map((e: { path: string }) => e.path)).toContain("mapping.currency");
    const noFile = new FormData();
    noFile.set("sheet", "x");
    r = await post("editor", noFile);
    expect(r.status).toBe(422);
    expect(r.json.error.fieldErrors[0].path).toBe("file");
    r = await post("editor", form(new TextEncoder().encode("PK\u0003\u0004garbage"), "x.xlsx"));
    expect(r.status).toBe(422);
    r = await call("importWorkbook", { workspace: "alpha" }, { as: "editor", body: { sheet: "x" } }, w);
    expect(r.status).toBe(415);
  });

  it("is for editors of the workspace: a viewer is refused, an outsider finds nothing", async () => {
    const bytes = await councilBusinessCase();
    expect((await post("viewer", form(bytes, "obc.xlsx"))).status).toBe(403);
    expect((await post("outsider", form(bytes, "obc.xlsx"))).status).toBe(404);
    expect((await post("editor", form(bytes, "obc.xlsx"), undefined, "beta")).status).toBe(404);
    expect((await post("tokenEditor", form(bytes, "obc.xlsx"), "preview=true")).status).toBe(200);
  });
});
