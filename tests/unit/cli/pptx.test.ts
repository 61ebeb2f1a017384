// caseboard pptx: the board pack with no server and no database, in the language asked for; bad
// input exits 2 naming what is wrong.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import { openDeck } from "../../helpers/pptx";

const root = path.resolve(import.meta.dirname, "../../..");
const demo = path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json");
const run = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/caseboard.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-pptx-cli-"));

describe("caseboard pptx", () => {
  it("writes the deck in the language asked for, its headline the report model's", async () => {
    const out = path.join(tmp, "board.pptx");
    const r = run(["pptx", demo, "-o", out, "--locale", "sv"]);
    expect(r.status, r.stderr).toBe(0);
    const deck = await openDeck(readFileSync(out));
    const parsed = parseCaseFile(JSON.parse(readFileSync(demo, "utf8")));
    if (!parsed.ok) throw new Error("demo invalid");
    const model = buildReportModel(parsed.value, computeCase(parsed.value), { locale: "sv" });
    expect(deck.slideTexts[1]).toContain(model.summary.title);
    for (const f of model.summary.figures) expect(deck.slideTexts[1]).toContain(f.value);
  }, 60_000);

  it("exits 2 for a bad locale, a missing -o, an invalid case file or an unwritable output", () => {
    expect(run(["pptx", demo, "-o", path.join(tmp, "x.pptx"), "--locale", "de"]).stderr).toMatch(/--locale/);
    expect(run(["pptx", demo, "-o", path.join(tmp, "x.pptx"), "--locale", "de"]).status).toBe(2);
    const noOut = run(["pptx", demo]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/pptx needs -o/);
    const bad = path.join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "caseboard/v1", name: "" }));
    const invalid = run(["pptx", bad, "-o", path.join(tmp, "y.pptx")]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/name|scenarios/);
    const unwritable = run(["pptx", demo, "-o", path.join(tmp, "no-such-dir", "z.pptx")]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/-o .*z\.pptx: cannot write/);
  }, 60_000);
});
