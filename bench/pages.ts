// Pages benchmark (issue #5): `npx tsx bench/pages.ts` (add --build to force `next build`).
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

async function main() {
  const app = await startBenchApp({ build: process.argv.includes("--build") });
  const { baseURL } = app;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
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
    const href = await page.getByRole("link", { name: /^CRM upgrade 2027/ }).first().getAttribute("href");
    const caseUrl = href!;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

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

    // 4. A 1,000-line-per-scenario case.
    const file = { ...syntheticCase(1000, 60, 2, 9), name: "Large case" };
    const imported = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", { data: file, headers: { Origin: baseURL } });
    if (imported.status() !== 201) throw new Error(`import answered ${imported.status()}`);
    const largeId = ((await imported.json()) as { data: { id: string } }).data.id;
    const largeLines = `/w/nordic-retail/cases/${largeId}/lines`;
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
      return { frames: frames.length, totalMs: Math.round(performance.now() - start), p95FrameMs: Math.round(frames[Math.floor(frames.length * 0.95)]! * 10) / 10, longFrames: frames.filter((f) => f > 50).length };
    });
    await page.goto(largeLines);
    await page.getByTestId("line-row").first().waitFor();
    const edits: number[] = [];
    const recomputes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const cell = page.locator(`[data-cell="${i}:2"]`);
      const amount = Number((await cell.textContent())!.replace(/,/g, ""));
      const before = await page.getByTestId("overview-npv").textContent();
      await cell.click();
      const t0 = performance.now();
      const next = Math.round(amount * 1.2); // within the line's low..high, and moves NPV visibly
      await page.keyboard.type(String(next));
      await page.keyboard.press("Enter");
      const expected = next.toLocaleString("en-GB");
      await page.waitForFunction(([sel, text]) => document.querySelector(sel!)?.textContent === text, [`[data-cell="${i}:2"]`, expected] as const).catch(async (e: unknown) => {
        throw new Error(`edit ${i}: cell shows ${await cell.textContent()}, expected ${expected}; alerts ${JSON.stringify(await page.getByRole("alert").allTextContents())} (${String(e)})`);
      });
      edits.push(performance.now() - t0);
      await page.waitForFunction((b) => document.querySelector("[data-testid=overview-npv]")?.textContent !== b, before, { timeout: 30_000 });
      recomputes.push(performance.now() - t0);
    }

    const results = {
      machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      dashboardTtfbMs: stats(ttfb),
      dashboardRenderedMs: stats(rendered),
      casePageJavaScript: { overview: overviewJs, lines: linesJs, targetGzipKB: 300 },
      largeCase: {
        linesPerScenario: 1000,
        linesTabToFirstRowsMs: stats(loads),
        rowsInDom: domRows,
        scrollTopToBottom: scroll,
        inlineEditEchoMs: stats(edits),
        editToRecomputedNpvMs: stats(recomputes),
      },
    };
    console.table({
      "dashboard TTFB (ms)": JSON.stringify(results.dashboardTtfbMs),
      "dashboard rendered in the browser (ms)": JSON.stringify(results.dashboardRenderedMs),
      "case page JS, overview (KB)": JSON.stringify(overviewJs),
      "case page JS, lines tab (KB)": JSON.stringify(linesJs),
      "1,000 lines: tab to first rows (ms)": JSON.stringify(results.largeCase.linesTabToFirstRowsMs),
      "1,000 lines: rows in the DOM": domRows,
      "1,000 lines: scroll top to bottom": JSON.stringify(scroll),
      "1,000 lines: edit echo (ms)": JSON.stringify(results.largeCase.inlineEditEchoMs),
      "1,000 lines: edit to new NPV (ms)": JSON.stringify(results.largeCase.editToRecomputedNpvMs),
    });
    mkdirSync(path.join(root, "bench-results"), { recursive: true });
    writeFileSync(path.join(root, "bench-results/pages.json"), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
