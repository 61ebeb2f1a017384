// The demo owner opens the demo case's Uncertainty tab: the tornado, a break-even, and a Monte Carlo
// run with progress, whose P50 is the same when it is run again with the same seed. Read-only: the
// demo case is not changed.
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_USERS } from "@/lib/auth/password";
import { launchBrowser, screenshot } from "../helpers/browser";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("uncertainty tab", () => {
  it("shows the tornado and a break-even, and runs a reproducible Monte Carlo with progress", async () => {
    const page = await (await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(DEMO_USERS.owner.email);
    await page.getByLabel("Password").fill(DEMO_USERS.owner.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/w$/);
    await page.getByRole("link", { name: /Nordic Retail AB/ }).click();
    await page.getByRole("link", { name: /^CRM upgrade 2027/ }).click();
    await page.getByRole("link", { name: "Uncertainty", exact: true }).click();
    await page.waitForURL(/\/uncertainty$/);

    // Tornado: rows with NPV labels at both ends; the percentage switch re-labels them.
    const rows = page.getByTestId("tornado-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().locator("td").nth(1).textContent()).toMatch(/SEK/);
    await page.getByRole("link", { name: "±10%" }).click();
    await page.waitForURL(/pct=10/);
    await expect.poll(() => page.getByRole("columnheader", { name: "NPV at −10%" }).isVisible()).toBe(true);

    // Break-even of the first benefit line (a GET form: the result comes back with the page).
    const select = page.getByLabel("Line", { exact: true });
    const firstBenefit = await select.locator("optgroup").nth(1).locator("option").first().getAttribute("value");
    await select.selectOption(firstBenefit!);
    await page.getByRole("button", { name: "Calculate" }).click();
    await page.waitForURL(/line=benefit-/);
    await expect.poll(() => page.getByTestId("break-even-result").textContent()).toMatch(/NPV reaches zero when .* changes by/);

    // Monte Carlo: record every progress value the bar shows while it runs.
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("5000");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("7");
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        const v = bar?.getAttribute("aria-valuenow");
        if (v !== null && v !== undefined && seen.at(-1) !== v) seen.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    });
    await page.getByRole("button", { name: "Run" }).click();
    const progress = page.getByRole("progressbar", { name: "Simulation progress" });
    await expect.poll(() => progress.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("npv-p50").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => progress.getAttribute("aria-valuenow")).toBe("100");
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe("100");
    expect(await page.getByText("Done: 5,000 iterations").isVisible()).toBe(true);
    const p10 = await page.getByTestId("npv-p10").textContent();
    const p50 = await page.getByTestId("npv-p50").textContent();
    const p90 = await page.getByTestId("npv-p90").textContent();
    expect(p50).toMatch(/SEK/);
    expect([p10, p50, p90].every((v) => v && v.length > 0)).toBe(true);
    expect(await page.getByTestId("probability-positive").textContent()).toMatch(/%/);
    await expect.poll(() => page.getByTestId("npv-histogram").isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/floating point \(float64\)/).isVisible()).toBe(true);
    // The layout's summary bar is sticky: shoot from the top so it sits where it belongs.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "uncertainty");

    // The same seed gives the same answer.
    await page.getByRole("button", { name: "Run" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Run" }).isEnabled()).toBe(true);
    await expect.poll(() => page.getByText("Done: 5,000 iterations").isVisible()).toBe(true);
    expect(await page.getByTestId("npv-p50").textContent()).toBe(p50);
    expect(await page.getByTestId("npv-p10").textContent()).toBe(p10);

    // A bad iteration count is refused next to the field, before anything runs.
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("0");
    await page.getByRole("button", { name: "Run" }).click();
    await expect.poll(() => page.getByText("Enter a whole number from 1,000 to 100,000.").isVisible()).toBe(true);
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("5000");

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.context().close();
  });
});
