// Pages benchmark (docs/benchmarks.md#targets): `npx tsx bench/pages.ts` (add --build to force `next build`).
// Starts an embedded PostgreSQL with the demo data, runs `next start` (the production build),
// signs in as the demo owner in Debian's chromium (playwright-core) and measures:
//   1. Time to first byte of the demo case's dashboard (server render, signed in), 30 requests.
//   2. Time to a rendered dashboard in the browser (navigation start until the headline NPV and
//      both Tremor charts are drawn), 10 loads, cold cache each time.
//   3. The JavaScript the case page loads (every script response, gzip-compressed here with
//      zlib level 9 to compare with the 300 KB target), and the same for the lines tab.
//   4. A case with 1,000 lines per scenario: lines tab to first rows; rows in the DOM; scrolling
//      the grid from top to bottom (frames longer than 50 ms = visible jank); an inline edit's
//      echo and the recomputed NPV in the headline.
//   5. Edits like a spreadsheet (docs/benchmarks.md#targets): 20 amount edits in the demo case's
//      grid and 10 in the 1,000-line case, each timed in the page itself (a MutationObserver, so
//      the figures do not depend on Playwright's polling): from the cell showing the typed value
//      to the headline NPV showing a new figure, and to it showing the server-confirmed figure
//      (data-state="confirmed" on the headline; a page without that attribute only ever shows the
//      server's figures). Afterwards the export must hold exactly the values typed last, and no
//      cell may have shown anything else after its echo (lost or doubled input).
// `--edits` runs only 5 (and the 1,000-line import it needs).
// Writes bench-results/pages.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { DEMO_USERS } from "../lib/auth/password";
import { syntheticCase } from "./engine-cases";
import { startBenchApp } from "./lib/app-server";

const root = path.resolve(import.meta.dirname, "..");

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 10) / 10;
};
const stats = (xs: number[]) => ({ runs: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100) });

async function scriptBytes(page: Page, url: string) {
  const bodies: Promise<Buffer | null>[] = [];
  const onResponse = (res: import("playwright-core").Response) => {
    if (res.request().resourceType() === "script") bodies.push(res.body().catch(() => null));
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = (await Promise.all(bodies)).filter((b): b is Buffer => !!b);
  const raw = all.reduce((n, b) => n + b.length, 0);
  const gzip = all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { files: all.length, rawKB: Math.round(raw / 1024), gzipKB: Math.round(gzip / 1024) };
}

interface EditTiming {
  cell: number | null; // the edited cell shows the typed value (its echo)
  npvFirst: number | null; // the headline NPV shows a new figure (any)
  npvConfirmed: number | null; // ... the server-confirmed one
  cellWrong: number; // times the cell showed something else after its echo
  start: number; // just before the keys are typed
}

// Installs an observer before the keys are typed; window.__editTiming resolves when the cell has
// echoed the value and the headline shows a confirmed new NPV (or after 30 s).
async function watchEdit(page: Page, cellSelector: string, expected: string) {
  // tsx keeps function names with a helper (__name) the page does not have.
  await page.evaluate("globalThis.__name ??= (f) => f");
  await page.evaluate(
    ([sel, want]) => {
      const before = document.querySelector("[data-testid=overview-npv]")?.textContent ?? null;
      const r = {
        cell: null as number | null,
        npvFirst: null as number | null,
        npvConfirmed: null as number | null,
        cellWrong: 0,
        start: performance.now(),
      };
      (window as unknown as { __editTiming: Promise<typeof r> }).__editTiming = new Promise((resolve) => {
        const check = () => {
          const now = performance.now();
          const cell = document.querySelector(sel!);
          if (cell && !cell.querySelector("input,select")) {
            if (cell.textContent === want) r.cell ??= now;
            else if (r.cell !== null) r.cellWrong++;
          }
          const npv = document.querySelector("[data-testid=overview-npv]");
          if (npv && npv.textContent !== before) {
            r.npvFirst ??= now;
            const state = npv.getAttribute("data-state");
            if (r.npvConfirmed === null && (state === null || state === "confirmed")) r.npvConfirmed = now;
          }
          if (r.cell !== null && r.npvConfirmed !== null) {
            observer.disconnect();
            // a little longer, to catch a late answer overwriting the cell
            setTimeout(() => resolve(r), 150);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(r);
        }, 30_000);
      });
    },
    [cellSelector, expected] as const,
  );
  return () => page.evaluate(() => (window as unknown as { __editTiming: Promise<EditTiming> }).__editTiming);
}

// `count` amount edits on the grid rows given (cost lines of the scenario the grid opens with),
// each row in turn going up by a tenth and back, so every edit moves the NPV. Returns the
// timings and what the case's export holds afterwards for those rows.
async function gridEdits(page: Page, caseId: string, rows: number[], count: number) {
  const typed = new Map<number, number>();
  const original = new Map<number, number>();
  const timings: EditTiming[] = [];
  // The edit's server answer (the server action's POST, request start to response end), for
  // the breakdown of the confirmed figure's wait.
  const answers: number[] = [];
  const onAnswer = (req: import("playwright-core").Request) => {
    if (req.method() !== "POST" || !req.headers()["next-action"]) return;
    const t = req.timing();
    if (t.responseEnd > 0) answers.push(t.responseEnd);
  };
  page.on("requestfinished", onAnswer);
  for (let k = 0; k < count; k++) {
    const row = rows[k % rows.length]!;
    const cellSel = `[data-cell="${row}:2"]`;
    const cell = page.locator(cellSel);
    const shown = Number((await cell.textContent())!.replace(/,/g, ""));
    if (!original.has(row)) original.set(row, shown);
    const base = original.get(row)!;
    const next = shown === base ? Math.round(base * 1.1) : base;
    typed.set(row, next);
    await cell.click();
    const done = await watchEdit(page, cellSel, next.toLocaleString("en-GB"));
    await page.keyboard.type(String(next));
    await page.keyboard.press("Enter");
    const r = await done();
    if (r.cell === null || r.npvConfirmed === null)
      throw new Error(
        `edit ${k} (row ${row}): ${JSON.stringify(r)}; alerts ${JSON.stringify(await page.getByRole("alert").allTextContents())}`,
      );
    timings.push(r);
  }
  page.off("requestfinished", onAnswer);
  const exported = await page.request.get(`/api/v1/cases/${caseId}/export`);
  const file = (await exported.json()) as { scenarios: { costs: { amount?: string }[] }[] };
  const scenario = file.scenarios[file.scenarios.length - 1]!;
  const mismatches = [...typed]
    .filter(([row, value]) => scenario.costs[row]?.amount !== String(value))
    .map(([row, value]) => ({ row, typed: value, stored: scenario.costs[row]?.amount }));
  const cellToNpv = timings.map((r) => r.npvFirst! - r.cell!);
  const cellToConfirmed = timings.map((r) => r.npvConfirmed! - r.cell!);
  return {
    edits: count,
    // the floor: typing the value and Enter until the cell shows it
    keysToCellEchoMs: stats(timings.map((r) => r.cell! - r.start)),
    cellToNewNpvMs: stats(cellToNpv),
    cellToConfirmedNpvMs: stats(cellToConfirmed),
    editAnswerRoundTripMs: stats(answers),
    cellShowedOtherValueAfterEcho: timings.reduce((n, r) => n + r.cellWrong, 0),
    storedDiffersFromTyped: mismatches,
  };
}

// The first `n` cost rows whose amount cell is a plain number (not labour or a schedule).
async function numericRows(page: Page, n: number) {
  await page.getByTestId("line-row").first().waitFor();
  const rows: number[] = [];
  for (let i = 0; rows.length < n && i < 30; i++) {
    const text = await page
      .locator(`[data-cell="${i}:2"]`)
      .textContent()
      .catch(() => null);
    if (text && /^[\d,]+$/.test(text) && Number(text.replace(/,/g, "")) >= 100) rows.push(i);
  }
  return rows;
}

async function main() {
  const app = await startBenchApp({ build: process.argv.includes("--build") });
  const { baseURL } = app;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(DEMO_USERS.owner.email);
    await page.getByLabel("Password").fill(DEMO_USERS.owner.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/w$/);
    await page.goto("/w/nordic-retail");
    const href = await page
      .getByRole("link", { name: /^CRM upgrade 2027/ })
      .first()
      .getAttribute("href");
    const caseUrl = href!;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    const editsOnly = process.argv.includes("--edits");
    const caseId = caseUrl.split("/").pop()!;
    const full = editsOnly
      ? null
      : await (async () => {
          // 1. TTFB of the dashboard (warm server: 5 requests first).
          const ttfb: number[] = [];
          for (let i = 0; i < 35; i++) {
            const t0 = performance.now();
            const res = await fetch(`${baseURL}${caseUrl}`, { headers: { cookie } });
            const reader = res.body!.getReader();
            await reader.read();
            const t1 = performance.now();
            while (!(await reader.read()).done);
            if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
            if (i >= 5) ttfb.push(t1 - t0);
          }

          console.log(`TTFB measured (${ttfb.length} requests)`);
          // 2. Rendered dashboard in the browser, cold cache each time.
          const rendered: number[] = [];
          for (let i = 0; i < 11; i++) {
            const fresh = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
            await fresh.addCookies(await context.cookies());
            const p = await fresh.newPage();
            const t0 = performance.now();
            await p.goto(caseUrl, { waitUntil: "commit" });
            await p.getByTestId("overview-npv").waitFor();
            await p.waitForFunction(() => document.querySelectorAll(".recharts-surface").length >= 2);
            if (i > 0) rendered.push(performance.now() - t0);
            await fresh.close();
          }

          console.log("dashboard render measured");
          // 3. Client JavaScript of the case pages.
          const jsFresh = await browser.newContext({ baseURL });
          await jsFresh.addCookies(await context.cookies());
          const jsPage = await jsFresh.newPage();
          const overviewJs = await scriptBytes(jsPage, caseUrl);
          const linesJs = await scriptBytes(await jsFresh.newPage(), `${caseUrl}/lines`);
          await jsFresh.close();

          return { ttfb, rendered, overviewJs, linesJs };
        })();

    // 5a. 20 edits in the demo case's grid.
    await page.goto(`${caseUrl}/lines`);
    const demoEdits = await gridEdits(page, caseId, await numericRows(page, 5), 20);
    console.log("demo edits measured");

    // 4. A 1,000-line-per-scenario case.
    const file = { ...syntheticCase(1000, 60, 2, 9), name: "Large case" };
    const imported = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
      data: file,
      headers: { Origin: baseURL },
    });
    if (imported.status() !== 201) throw new Error(`import answered ${imported.status()}`);
    const largeId = ((await imported.json()) as { data: { id: string } }).data.id;
    const largeLines = `/w/nordic-retail/cases/${largeId}/lines`;
    const large = editsOnly
      ? null
      : await (async () => {
          const loads: number[] = [];
          for (let i = 0; i < 6; i++) {
            const t0 = performance.now();
            await page.goto(largeLines, { waitUntil: "commit" });
            await page.getByTestId("line-row").first().waitFor();
            if (i > 0) loads.push(performance.now() - t0);
          }
          const domRows = await page.getByTestId("line-row").count();
          console.log("large case loaded");
          const scroll = await page.evaluate(async () => {
            const el = document.querySelector<HTMLElement>("[data-testid=lines-scroller]")!;
            const frames: number[] = [];
            let last = performance.now();
            const start = last;
            while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
              el.scrollTop += 120;
              await new Promise((r) => requestAnimationFrame(() => r(null)));
              const now = performance.now();
              frames.push(now - last);
              last = now;
            }
            frames.sort((a, b) => a - b);
            return {
              frames: frames.length,
              totalMs: Math.round(performance.now() - start),
              p95FrameMs: Math.round(frames[Math.floor(frames.length * 0.95)]! * 10) / 10,
              longFrames: frames.filter((f) => f > 50).length,
            };
          });
          return { loads, domRows, scroll };
        })();
    // 5b. 10 edits in the 1,000-line case's grid.
    await page.goto(largeLines);
    const largeEdits = await gridEdits(page, largeId, await numericRows(page, 5), 10);
    console.log("large case edits measured");

    const results = {
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      },
      ...(full
        ? {
            dashboardTtfbMs: stats(full.ttfb),
            dashboardRenderedMs: stats(full.rendered),
            casePageJavaScript: { overview: full.overviewJs, lines: full.linesJs, targetGzipKB: 300 },
          }
        : {}),
      demoCaseEdits: { ...demoEdits, targetP50Ms: 50 },
      largeCase: {
        linesPerScenario: 1000,
        ...(large
          ? { linesTabToFirstRowsMs: stats(large.loads), rowsInDom: large.domRows, scrollTopToBottom: large.scroll }
          : {}),
        edits: { ...largeEdits, targetMs: 300 },
      },
    };
    console.table({
      ...(full
        ? {
            "dashboard TTFB (ms)": JSON.stringify(stats(full.ttfb)),
            "dashboard rendered in the browser (ms)": JSON.stringify(stats(full.rendered)),
            "case page JS, overview (KB)": JSON.stringify(full.overviewJs),
            "case page JS, lines tab (KB)": JSON.stringify(full.linesJs),
          }
        : {}),
      "demo case, 20 edits: keys to cell echo (floor, ms)": JSON.stringify(demoEdits.keysToCellEchoMs),
      "demo case, 20 edits: cell to new NPV (ms)": JSON.stringify(demoEdits.cellToNewNpvMs),
      "demo case, 20 edits: cell to confirmed NPV (ms)": JSON.stringify(demoEdits.cellToConfirmedNpvMs),
      "demo case, 20 edits: server answer round trip (ms)": JSON.stringify(demoEdits.editAnswerRoundTripMs),
      "demo case, 20 edits: lost or doubled": JSON.stringify({
        cellShowedOther: demoEdits.cellShowedOtherValueAfterEcho,
        storedDiffers: demoEdits.storedDiffersFromTyped.length,
      }),
      ...(large
        ? {
            "1,000 lines: tab to first rows (ms)": JSON.stringify(stats(large.loads)),
            "1,000 lines: rows in the DOM": large.domRows,
            "1,000 lines: scroll top to bottom": JSON.stringify(large.scroll),
          }
        : {}),
      "1,000 lines, 10 edits: keys to cell echo (floor, ms)": JSON.stringify(largeEdits.keysToCellEchoMs),
      "1,000 lines, 10 edits: cell to new NPV (ms)": JSON.stringify(largeEdits.cellToNewNpvMs),
      "1,000 lines, 10 edits: cell to confirmed NPV (ms)": JSON.stringify(largeEdits.cellToConfirmedNpvMs),
      "1,000 lines, 10 edits: server answer round trip (ms)": JSON.stringify(largeEdits.editAnswerRoundTripMs),
      "1,000 lines, 10 edits: lost or doubled": JSON.stringify({
        cellShowedOther: largeEdits.cellShowedOtherValueAfterEcho,
        storedDiffers: largeEdits.storedDiffersFromTyped.length,
      }),
    });
    mkdirSync(path.join(root, "bench-results"), { recursive: true });
    writeFileSync(
      path.join(root, editsOnly ? "bench-results/pages-edits.json" : "bench-results/pages.json"),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
