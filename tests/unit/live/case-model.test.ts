// The live case model's bookkeeping: an edit shows the engine's figures for the edited case file,
// the server's answer replaces them (its version, its figures), a refused edit is taken out, and
// an answer or a page render never applies an edit twice or takes a later one back.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyLinePatch, CaseModelStore } from "@/components/live/case-model";
import { loadEngine } from "@/components/live/engine";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import { computeCase } from "@/lib/finance/compute";
import { figuresDigest } from "@/lib/live/digest";

const parsed = parseCaseFile(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../fixtures/cases/demo-crm-upgrade.json"), "utf8")),
);
if (!parsed.ok) throw new Error("fixture does not parse");
const file: CaseFile = parsed.value;
const scenario = file.scenarios.at(-1)!;
const line = scenario.costs.find((l) => l.amount !== undefined && l.low === undefined)!;
const other = scenario.benefits[0]!;
const npv = (s: CaseModelStore) =>
  s.getSnapshot().output.comparisons[0]?.npv ?? s.getSnapshot().output.scenarios[0]!.npv;

async function store() {
  await loadEngine(); // the synchronous path, as on a page that edits
  // However slow this machine is, these stay on the synchronous path (the budget is the page's choice).
  return new CaseModelStore("case-1", file, computeCase(file), 7, { frameBudgetMs: Number.POSITIVE_INFINITY });
}

describe("live case model", () => {
  it("applies a patch to the line with that stable id only, null removing a field", () => {
    const next = applyLinePatch(file, line.id!, { amount: "12345", low: null, month: 2 });
    const edited = next.scenarios.at(-1)!.costs.find((l) => l.id === line.id)!;
    expect(edited).toMatchObject({ amount: "12345", month: 2 });
    expect("low" in edited).toBe(false);
    expect(next.scenarios.at(-1)!.costs.filter((l) => l.id !== line.id)).toEqual(
      scenario.costs.filter((l) => l.id !== line.id),
    );
    expect(file.scenarios.at(-1)!.costs.find((l) => l.id === line.id)).toEqual(line); // not mutated
  });

  it("an edit shows the engine's figures at once; the server's answer replaces them with its version", async () => {
    const s = await store();
    const before = npv(s);
    const token = s.editLine(line.id!, { amount: "99999" });
    const local = s.getSnapshot();
    expect(local.state).toBe("local");
    expect(local.version).toBe(7);
    expect(local.output).toEqual(computeCase(applyLinePatch(file, line.id!, { amount: "99999" })));
    expect(npv(s)).not.toBe(before);
    const server = computeCase(applyLinePatch(file, line.id!, { amount: "99999" }));
    s.confirm(token, 8, server);
    expect(s.getSnapshot()).toMatchObject({ state: "confirmed", version: 8 });
    expect(s.getSnapshot().output).toBe(server);
    // The answer is applied once: a second one for the same edit changes nothing.
    s.confirm(token, 8, server);
    expect(
      s
        .getSnapshot()
        .file.scenarios.at(-1)!
        .costs.find((l) => l.id === line.id)!.amount,
    ).toBe("99999");
  });

  it("a later edit stays shown when the earlier one's answer arrives, and a refused one goes", async () => {
    const s = await store();
    const a = s.editLine(line.id!, { amount: "50000" });
    const b = s.editLine(other.id!, { amount: "1" });
    s.confirm(a, 8, computeCase(applyLinePatch(file, line.id!, { amount: "50000" })));
    const both = applyLinePatch(applyLinePatch(file, line.id!, { amount: "50000" }), other.id!, { amount: "1" });
    expect(s.getSnapshot()).toMatchObject({ state: "local", version: 8 });
    expect(s.getSnapshot().output).toEqual(computeCase(both));
    s.drop(b);
    expect(s.getSnapshot()).toMatchObject({ state: "confirmed", version: 8 });
    expect(s.getSnapshot().output).toEqual(computeCase(applyLinePatch(file, line.id!, { amount: "50000" })));
  });

  it("a server case replaces an older one only, and edits on their way stay on top of it", async () => {
    const s = await store();
    const token = s.editLine(line.id!, { amount: "42" });
    const theirs = applyLinePatch(file, other.id!, { amount: "7" });
    s.applyServerCase(theirs, computeCase(theirs), 9);
    expect(s.getSnapshot().version).toBe(9);
    expect(s.getSnapshot().output).toEqual(computeCase(applyLinePatch(theirs, line.id!, { amount: "42" })));
    s.applyServerCase(file, computeCase(file), 8); // older: ignored
    expect(s.getSnapshot().version).toBe(9);
    s.drop(token);
    expect(s.getSnapshot().file).toEqual(theirs);
  });

  it("a server case shares the held lines it did not change (the engine's kept results apply), and computes the same", async () => {
    const s = await store();
    const held = s.getSnapshot().file;
    // As read again through the API: every object new, one line changed by someone else.
    const theirs = JSON.parse(JSON.stringify(applyLinePatch(file, other.id!, { amount: "7" }))) as typeof file;
    s.applyServerCase(theirs, computeCase(theirs), 9);
    const now = s.getSnapshot().file;
    expect(now).toEqual(theirs);
    const heldLines = new Set(held.scenarios.flatMap((x) => [...x.costs, ...x.benefits]));
    const fresh = now.scenarios.flatMap((x) => [...x.costs, ...x.benefits]).filter((l) => !heldLines.has(l));
    expect(fresh.map((l) => l.id)).toEqual([other.id]);
    // Scenarios without the changed line are the held objects themselves.
    const changed = now.scenarios.find((x) => [...x.costs, ...x.benefits].some((l) => l.id === other.id))!;
    for (const sc of now.scenarios) if (sc !== changed) expect(held.scenarios).toContain(sc);
    s.editLine(line.id!, { amount: "42" });
    expect(s.getSnapshot().output).toEqual(
      computeCase(JSON.parse(JSON.stringify(applyLinePatch(theirs, line.id!, { amount: "42" })))),
    );
  });

  it("without the engine yet, the figures are pending and arrive when it has loaded", async () => {
    const big = {
      ...file,
      scenarios: file.scenarios.map((sc) => ({
        ...sc,
        costs: Array.from({ length: 210 }, (_, i) => ({ ...sc.costs[0]!, id: `${sc.key}-c${i}` })),
      })),
    };
    const s = new CaseModelStore("case-2", big, computeCase(big), 3); // over the synchronous size: worker (here: the engine, later)
    s.editLine(`${big.scenarios[0]!.key}-c0`, { amount: "1" });
    expect(s.getSnapshot().state).toBe("pending");
    await expect.poll(() => s.getSnapshot().state).toBe("local");
    expect(s.getSnapshot().output).toEqual(
      computeCase(applyLinePatch(big, `${big.scenarios[0]!.key}-c0`, { amount: "1" })),
    );
  });

  it("the layout's file has no lines: edits wait for the server until the page supplies them; a newer render's lines wait for its figures", async () => {
    await loadEngine();
    const skeleton = (f: CaseFile) => ({
      ...f,
      scenarios: f.scenarios.map((sc) => ({ ...sc, costs: [], benefits: [] })),
    });
    const s = new CaseModelStore("case-3", skeleton(file), computeCase(file), 7, {
      complete: false,
      frameBudgetMs: Number.POSITIVE_INFINITY,
    });
    const early = s.editLine(line.id!, { amount: "1" });
    expect(s.getSnapshot().state).toBe("pending"); // never the figures of a case without lines
    s.drop(early);
    s.supplyFile(file, 7);
    s.editLine(line.id!, { amount: "2" });
    expect(s.getSnapshot().output).toEqual(computeCase(applyLinePatch(file, line.id!, { amount: "2" })));
    // The layout's own render of the same version keeps the lines.
    const again = new CaseModelStore("case-4", skeleton(file), computeCase(file), 7, {
      complete: false,
      frameBudgetMs: Number.POSITIVE_INFINITY,
    });
    again.supplyFile(file, 7);
    again.applyServerCase(skeleton(file), computeCase(file), 7, { complete: false });
    again.editLine(line.id!, { amount: "3" });
    expect(again.getSnapshot().state).toBe("local");
    // A refresh: the page (a child) supplies version 8's lines before the layout brings 8's figures.
    const theirs = applyLinePatch(file, other.id!, { amount: "5" });
    const fresh = new CaseModelStore("case-5", skeleton(file), computeCase(file), 7, {
      complete: false,
      frameBudgetMs: Number.POSITIVE_INFINITY,
    });
    fresh.supplyFile(file, 7);
    fresh.supplyFile(theirs, 8);
    expect(fresh.getSnapshot().version).toBe(7);
    fresh.applyServerCase(skeleton(theirs), computeCase(theirs), 8, { complete: false });
    fresh.editLine(line.id!, { amount: "4" });
    expect(fresh.getSnapshot()).toMatchObject({ state: "local", version: 8 });
    expect(fresh.getSnapshot().output).toEqual(computeCase(applyLinePatch(theirs, line.id!, { amount: "4" })));
  });

  describe("refetch (someone else's change)", () => {
    afterEach(() => vi.unstubAllGlobals());

    // A server whose case moves on: each read of export and compute answers the current version,
    // after a turn of the event loop (as a network answer would).
    function server(start: number) {
      const state = { version: start, reads: 0 };
      const answer = (body: unknown, version: number) =>
        new Response(JSON.stringify(body), { status: 200, headers: { etag: `"${version}"` } });
      vi.stubGlobal("fetch", async (url: string) => {
        await new Promise((r) => setTimeout(r, 5));
        const v = state.version;
        const theirs = applyLinePatch(file, other.id!, { amount: String(v) });
        if (url.endsWith("/export")) {
          state.reads++;
          return answer(theirs, v);
        }
        return answer({ data: computeCase(theirs), version: v }, v);
      });
      return state;
    }

    it("a burst of calls costs one read at once and one after it; the last read is the newest case", async () => {
      const s = await store();
      const srv = server(8);
      const calls = Array.from({ length: 10 }, () => s.refetch());
      srv.version = 9; // a change landed while the first read was on its way
      await Promise.all(calls);
      expect(srv.reads).toBe(2);
      expect(s.getSnapshot()).toMatchObject({ version: 9, state: "confirmed", complete: true });
      expect(
        s
          .getSnapshot()
          .file.scenarios.at(-1)!
          .benefits.find((l) => l.id === other.id)!.amount,
      ).toBe("9");
      // A call after the burst reads again.
      await s.refetch();
      expect(srv.reads).toBe(3);
    });

    it("a lone call reads once; an older answer never replaces a newer case", async () => {
      const s = await store();
      const srv = server(6);
      await s.refetch();
      expect(srv.reads).toBe(1);
      expect(s.getSnapshot().version).toBe(7);
    });
  });

  it("the server's digest confirms the page's own figures without reading them; a different digest reads the server's", async () => {
    const s = await store();
    let token = s.editLine(line.id!, { amount: "50000" });
    const local = s.getSnapshot().output;
    const fetches: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetches.push(url);
      return new Response(
        JSON.stringify({
          data: computeCase(
            applyLinePatch(applyLinePatch(file, line.id!, { amount: "50000" }), line.id!, { amount: "60000" }),
          ),
          version: 9,
        }),
      );
    });
    await s.confirmFigures(token, 8, {
      version: 8,
      digest: figuresDigest(JSON.stringify(computeCase(applyLinePatch(file, line.id!, { amount: "50000" })))),
    });
    expect(s.getSnapshot()).toMatchObject({ state: "confirmed", version: 8 });
    expect(s.getSnapshot().output).toBe(local); // the same object: nothing re-read, nothing re-drawn
    expect(fetches).toEqual([]);

    token = s.editLine(line.id!, { amount: "60000" });
    await s.confirmFigures(token, 9, { version: 9, digest: "0000000000000000" });
    expect(fetches).toEqual(["/api/v1/cases/case-1/compute"]);
    expect(s.getSnapshot()).toMatchObject({ state: "confirmed", version: 9 });
    expect(s.getSnapshot().output).toEqual(
      computeCase(applyLinePatch(applyLinePatch(file, line.id!, { amount: "50000" }), line.id!, { amount: "60000" })),
    );
    vi.unstubAllGlobals();
  });
});
