// The browser's figures are the server's (docs/architecture.md#the-browsers-live-model): the case page holds the case file and runs
// the engine chunk the production build ships (window.caseboardEngine, loaded by the lines tab);
// for every fixture case and for fast-check cases, what it computes in Chromium from the case
// file the page holds equals the compute API's output, field for field. And an edit in the grid
// shows the browser's figures at once, which the server's answer then confirms unchanged, without
// re-rendering the page.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { setUpBrowser } from "../helpers/e2e";

const baseURL = inject("baseURL");
const e2e = setUpBrowser();
const fixtures = path.resolve(import.meta.dirname, "../fixtures/cases");

const imported: string[] = [];
let owner: Page | undefined;

async function importCase(page: Page, file: unknown): Promise<string> {
  const res = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
    data: file,
    headers: { Origin: baseURL },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { data: { id: string } }).data.id;
  imported.push(id);
  return id;
}

afterAll(async () => {
  if (!owner) return;
  for (const id of imported) {
    const current = await owner.request.get(`/api/v1/cases/${id}`);
    await owner.request.delete(`/api/v1/cases/${id}`, {
      headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
    });
  }
  await owner.context().close();
});

// The case's lines tab, with the engine chunk loaded; returns what Chromium computes from the
// case file the page holds, what the page was rendered with, and the compute API's output.
async function browserAndServer(page: Page, caseId: string) {
  await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
  await page.waitForFunction(() => {
    const w = window as unknown as { caseboardEngine?: unknown; caseboardLive?: unknown };
    return !!w.caseboardEngine && !!w.caseboardLive;
  });
  const inBrowser = await page.evaluate(() => {
    const w = window as unknown as {
      caseboardEngine: { computeCase: (f: unknown) => unknown };
      caseboardLive: { getSnapshot: () => { file: unknown; output: unknown; version: number } };
    };
    const snap = w.caseboardLive.getSnapshot();
    return {
      computed: JSON.stringify(w.caseboardEngine.computeCase(snap.file)),
      rendered: JSON.stringify(snap.output),
      version: snap.version,
    };
  });
  const res = await page.request.get(`/api/v1/cases/${caseId}/compute`);
  expect(res.status()).toBe(200);
  const server = (await res.json()) as { data: unknown; version: number };
  return {
    computed: JSON.parse(inBrowser.computed) as unknown,
    rendered: JSON.parse(inBrowser.rendered) as unknown,
    version: inBrowser.version,
    server,
  };
}

// Case files with one or two scenarios (a baseline when two) and lines using every kind of
// timing the engine knows: one-time, recurring with escalation, labour, schedules, ramps,
// realisation, margin and risk adjustment.
const amount = fc.integer({ min: 1, max: 5_000_000 }).map(String);
const share = fc.constantFrom("0", "0.05", "0.1", "0.25", "0.333");
const costLine = fc.oneof(
  fc.record({
    name: fc.constant("one-time"),
    category: fc.constantFrom("software", "hardware", "training"),
    amount,
    month: fc.integer({ min: 0, max: 30 }),
    riskAdjustment: share,
  }),
  fc.record({
    name: fc.constant("recurring"),
    category: fc.constantFrom("other-licences", "support-labour"),
    amount,
    recurring: fc.constantFrom("monthly", "quarterly", "annual"),
    startMonth: fc.integer({ min: 1, max: 12 }),
    endMonth: fc.integer({ min: 13, max: 36 }),
    escalation: fc.constantFrom("0", "0.03", "0.1"),
  }),
  fc.record({
    name: fc.constant("labour"),
    category: fc.constant("implementation-labour"),
    labour: fc.record({
      hours: fc.constantFrom("10", "37.5", "160"),
      rate: fc.constantFrom("850", "1200.50"),
      people: fc.constantFrom("1", "2.5"),
    }),
    month: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    name: fc.constant("schedule"),
    category: fc.constant("integration"),
    schedule: fc.dictionary(fc.integer({ min: 0, max: 36 }).map(String), amount, { minKeys: 1, maxKeys: 4 }),
  }),
);
const benefitLine = fc.record({
  name: fc.constant("benefit"),
  category: fc.constantFrom("productivity", "revenue", "cost-saving"),
  amount,
  recurring: fc.constantFrom("monthly", "quarterly", "annual"),
  startMonth: fc.integer({ min: 1, max: 12 }),
  endMonth: fc.integer({ min: 13, max: 36 }),
  rampMonths: fc.integer({ min: 0, max: 9 }),
  rampCurve: fc.constantFrom("linear", "s-curve", "step"),
  realisation: fc.constantFrom("1", "0.8", "0.5"),
  margin: fc.constantFrom("1", "0.35"),
  riskAdjustment: share,
});
const scenario = (key: string, baseline: boolean) =>
  fc
    .record({
      costs: fc.array(costLine, { minLength: 1, maxLength: 6 }),
      benefits: fc.array(benefitLine, { minLength: 0, maxLength: 5 }),
    })
    .map((s) => ({ key, name: key.toUpperCase(), ...(baseline ? { baseline: true } : {}), ...s }));
const caseArb = fc.record({
  discountRate: fc.constantFrom("0", "0.08", "0.125"),
  scenarios: fc.oneof(fc.tuple(scenario("a", false)), fc.tuple(scenario("base", true), scenario("alt", false))),
});

describe("browser and server figures", { timeout: 240_000 }, () => {
  it("every fixture case and 12 fast-check cases: Chromium's engine gives the compute API's output exactly", async () => {
    owner = await e2e.demoPage("owner");
    const files = readdirSync(fixtures).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const generated = fc.sample(caseArb, { numRuns: 12, seed: 20261129 }).map((c, i) => ({
      format: "caseboard/v1",
      name: `Generated ${i}`,
      currency: "EUR",
      startMonth: "2027-03",
      horizonMonths: 36,
      ...c,
    }));
    const cases = [
      ...files.map((f) => ({ label: f, file: JSON.parse(readFileSync(path.join(fixtures, f), "utf8")) as unknown })),
      ...generated.map((file, i) => ({ label: `fast-check ${i}`, file })),
    ];
    for (const { label, file } of cases) {
      const id = await importCase(owner, file);
      const { computed, rendered, version, server } = await browserAndServer(owner, id);
      expect(server.version, label).toBe(version);
      expect(computed, label).toEqual(server.data);
      // The page rendered the model with the same figures (each line's own results left out).
      const data = server.data as { scenarios: { lines: unknown[] }[] };
      expect(rendered, label).toEqual({ ...data, scenarios: data.scenarios.map((s) => ({ ...s, lines: [] })) });
    }
  });

  it("a grid edit shows the browser's figures in the frame the cell shows the value; the server confirms the same figures without re-rendering the page", async () => {
    const page = owner ?? (await e2e.demoPage("owner"));
    owner = page;
    // A copy of the demo case, so the other suites find the seeded one unchanged.
    const caseId = await importCase(
      page,
      JSON.parse(readFileSync(path.join(fixtures, "demo-crm-upgrade.json"), "utf8")),
    );
    await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await page.waitForFunction(() => !!(window as unknown as { caseboardEngine?: unknown }).caseboardEngine);
    const npv = page.getByTestId("overview-npv");
    await expect.poll(() => npv.getAttribute("data-state")).toBe("confirmed");
    const before = { npv: await npv.textContent(), version: Number(await npv.getAttribute("data-version")) };
    // The first cost line (of the scenario the grid opens with, the last) with a plain amount and
    // no low/high estimate to stay within.
    const row = await page.evaluate(() => {
      const live = (
        window as unknown as {
          caseboardLive: { getSnapshot: () => { file: { scenarios: { costs: Record<string, unknown>[] }[] } } };
        }
      ).caseboardLive;
      const costs = live.getSnapshot().file.scenarios.at(-1)!.costs;
      return costs.findIndex(
        (l) =>
          l.amount !== undefined &&
          l.labour === undefined &&
          l.schedule === undefined &&
          l.low === undefined &&
          l.high === undefined,
      );
    });
    expect(row).toBeGreaterThanOrEqual(0);
    const cell = page.locator(`[data-cell="${row}:2"]`);
    const next = Number((await cell.textContent())!.replace(/,/g, "")) + 12_345;
    // Records, in the page, the headline as it is in the DOM update that shows the typed value,
    // and counts the page's own document requests (a re-render would fetch the RSC payload).
    await page.evaluate(
      ([sel, want]) => {
        const w = window as unknown as {
          sameFrame?: { npv: string | null; state: string | null; output: string } | null;
        };
        w.sameFrame = null;
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel!)?.textContent !== want) return;
          observer.disconnect();
          const el = document.querySelector("[data-testid=overview-npv]");
          const live = (window as unknown as { caseboardLive: { getSnapshot: () => { output: unknown } } })
            .caseboardLive;
          w.sameFrame = {
            npv: el?.textContent ?? null,
            state: el?.getAttribute("data-state") ?? null,
            output: JSON.stringify(live.getSnapshot().output),
          };
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      },
      [`[data-cell="${row}:2"]`, next.toLocaleString("en-GB")] as const,
    );
    const rscRequests: string[] = [];
    page.on("request", (r) => {
      // A re-render of this page fetches its RSC payload (tab links may prefetch theirs: not counted).
      const h = r.headers();
      if (
        h["rsc"] === "1" &&
        !h["next-router-prefetch"] &&
        !h["next-action"] &&
        new URL(r.url()).pathname.endsWith("/lines")
      )
        rscRequests.push(r.url());
    });
    await cell.click();
    await page.keyboard.type(String(next));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !!(window as unknown as { sameFrame?: unknown }).sameFrame);
    const sameFrame = (await page.evaluate(() => (window as unknown as { sameFrame: unknown }).sameFrame)) as {
      npv: string;
      state: string;
      output: string;
    };
    expect(sameFrame.npv).not.toBe(before.npv);
    expect(["local", "confirmed"]).toContain(sameFrame.state);
    // The server's answer arrives: confirmed, one version on, and the very figures the browser showed.
    await expect.poll(() => npv.getAttribute("data-version")).toBe(String(before.version + 1));
    await expect.poll(() => npv.getAttribute("data-state")).toBe("confirmed");
    expect(await npv.textContent()).toBe(sameFrame.npv);
    const server = (await (await page.request.get(`/api/v1/cases/${caseId}/compute`)).json()) as {
      data: unknown;
      version: number;
    };
    expect(server.version).toBe(before.version + 1);
    expect(JSON.parse(sameFrame.output)).toEqual(server.data);
    expect(await cell.textContent()).toBe(next.toLocaleString("en-GB"));
    expect(await page.getByTestId("case-version").textContent()).toContain(String(before.version + 1));
    expect(rscRequests).toEqual([]);
    // Back to the amount it had: the figures it had, confirmed.
    await cell.click();
    await page.keyboard.type(String(next - 12_345));
    await page.keyboard.press("Enter");
    await expect.poll(() => npv.getAttribute("data-version")).toBe(String(before.version + 2));
    await expect.poll(() => npv.textContent()).toBe(before.npv);
    expect(rscRequests).toEqual([]);
  });
});
