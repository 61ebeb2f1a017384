// The portfolio in the browser, in the demo workspace: the owner opens it from the workspace home,
// sees the cases with their figures, funds the best set within a 2027 budget (the answer proved
// optimal, the frontier drawn), saves the decision as a plan and compares it with where the cases
// stand now. Axe on the page.
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 60_000, interval: 250 });

describe("the portfolio", () => {
  it("fund the best set, see the frontier, save a plan and compare it", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 1000 });
    try {
      await page.goto("/w/nordic-retail");
      await page.getByTestId("portfolio-link").click();
      await page.waitForURL(/\/w\/nordic-retail\/portfolio$/);
      await poll(() => page.getByTestId("portfolio-row").count()).toBeGreaterThan(0);
      await expect(page.getByTestId("portfolio-table").textContent()).resolves.toMatch(/CRM upgrade 2027/);
      await expectNoSeriousAxe(page, "portfolio");

      // The board report downloads as a PDF with the page's session.
      const href = await page.getByTestId("portfolio-report").getAttribute("href");
      const pdf = await page.evaluate(async (url) => {
        const r = await fetch(url!);
        return { status: r.status, type: r.headers.get("content-type"), head: (await r.text()).slice(0, 5) };
      }, href);
      expect(pdf).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });

      // Sorting by name and back keeps every row.
      const rows = await page.getByTestId("portfolio-row").count();
      await page.getByRole("button", { name: "Sort by Case" }).click();
      expect(await page.getByTestId("portfolio-row").count()).toBe(rows);

      await page.getByTestId("budget-2027").fill("2000000");
      await page.getByTestId("solve").click();
      await poll(() => page.getByTestId("funding-result").textContent()).toMatch(/Optimality proved/);
      await expect(page.getByTestId("chosen").textContent()).resolves.toMatch(/CRM upgrade 2027/);
      await poll(() => page.getByTestId("frontier-chart").locator("svg").count()).toBeGreaterThan(0);
      await screenshot(page, "portfolio-funded");

      const planName = `Funding 2027 ${Date.now()}`;
      await page.getByTestId("plan-name").fill(planName);
      await page.getByTestId("save-plan").click();
      await poll(() => page.getByRole("status").filter({ hasText: "Plan saved." }).count()).toBe(1);

      await page.reload({ waitUntil: "networkidle" });
      const row = page.getByTestId("plan-row").filter({ hasText: planName });
      await poll(() => row.count()).toBe(1);
      await row.getByRole("link", { name: "Compare with now" }).click();
      await page.waitForURL(/\?plan=[0-9a-f-]{36}$/);
      await poll(() => page.getByTestId("plan-comparison").textContent()).toMatch(/CRM upgrade 2027/);
      await expect(page.getByTestId("plan-comparison").textContent()).resolves.toMatch(/Total/);
    } finally {
      await page.context().close();
    }
  }, 240_000);
});
