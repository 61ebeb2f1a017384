// Many currencies in the browser: a line is put in USD in the grid (refused until the case has USD
// rates, then accepted), NPV moves with it, and actual
// rates recorded on the Realisation tab give the currency's share of the variance.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();
const baseURL = inject("baseURL");

function caseWithActuals(name: string) {
  const file = JSON.parse(
    readFileSync(path.join(process.cwd(), "tests/fixtures/cases/realisation-small.json"), "utf8"),
  );
  return { ...file, name };
}

describe("many currencies in the browser", () => {
  it("a USD line, its rates, NPV moving, actual rates and the currency variance", async () => {
    const page = await e2e.demoPage("owner", { width: 1440, height: 1000 });
    const created = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
      data: caseWithActuals(`Currencies ${Date.now().toString(36)}`),
      headers: { Origin: baseURL },
    });
    expect(created.status(), await created.text()).toBe(201);
    const caseId = ((await created.json()) as { data: { id: string } }).data.id;
    try {
      const got = await page.request.get(`/api/v1/cases/${caseId}`);
      const lines = ((await got.json()) as { data: { lines: { id: string; stableId: string }[] } }).data.lines;
      const licence = lines.find((l) => l.stableId === "licence")!;
      const npvOf = async () => {
        const r = await page.request.get(`/api/v1/cases/${caseId}/compute`);
        return ((await r.json()) as { data: { comparisons: { npv: string }[] } }).data.comparisons[0]!.npv;
      };
      const npv0 = await npvOf();

      // The grid: USD without the case's USD rates is refused, naming why.
      await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
      const cell = page.locator(`[data-line-id="${licence.id}"] [data-col="currency"]`);
      await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe("SEK");
      await cell.click();
      await page.keyboard.type("usd");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByText(/no exchange rates for USD/).count()).toBeGreaterThan(0);
      expect(await npvOf()).toBe(npv0);

      // The settings: USD rates pasted as three columns.
      await page.goto(`/w/nordic-retail/cases/${caseId}/settings`);
      await page.getByLabel("Plan rates (currency, from month, rate)").fill("USD\t0\t10.45");
      await page.getByTestId("rate-table-plan").getByRole("button", { name: "Save rates" }).click();
      await expect.poll(() => page.getByTestId("rate-plan-USD-0").textContent()).toContain("10.45");

      // Now the grid takes USD, and NPV moves (the licence costs 10.45 times as much).
      await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
      await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe("SEK");
      await cell.click();
      await page.keyboard.type("usd");
      await page.keyboard.press("Enter");
      await expect.poll(() => cell.textContent()).toBe("USD");
      await expect.poll(npvOf).not.toBe(npv0);
      const npv1 = await npvOf();
      expect(Number(npv1)).toBeLessThan(Number(npv0));

      // The workspace's reporting currency is one click from the workspace page (owners).
      await page.goto(`/w/nordic-retail`);
      await page.getByTestId("reporting-currency-link").click();
      await page.waitForURL(/\/w\/nordic-retail\/settings\/currency$/);
      await expect.poll(() => page.getByTestId("reporting-currency-form").isVisible()).toBe(true);

      // Actual rates on the Realisation tab: the variance's currency share is shown.
      await page.goto(`/w/nordic-retail/cases/${caseId}/realisation`);
      await page.getByLabel("Actual rates (currency, month, rate)").fill("USD\t1\t12\nUSD\t2\t12\nUSD\t3\t12");
      await page.getByTestId("rate-table-actual").getByRole("button", { name: "Save rates" }).click();
      const sentence = page.getByTestId("currency-variance-sentence");
      await expect.poll(() => sentence.textContent(), { timeout: 15_000 }).toMatch(/is the exchange rate \(USD\)/);
      await expect.poll(() => page.getByTestId("currency-variance-line").count()).toBeGreaterThan(0);
    } finally {
      // The demo workspace is shared by the other browser tests: the case goes again.
      const current = await page.request.get(`/api/v1/cases/${caseId}`);
      await page.request.delete(`/api/v1/cases/${caseId}`, {
        headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
      });
      await page.context().close();
    }
  });
});
