// The demo case's risk register and KPIs in the browser: the owner adds a risk and finds it in
// the heat map, edits it, deletes it and adds a KPI; the viewer sees both tabs without a single
// edit control; neither page has a serious or critical accessibility violation.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { demoCaseUrl, expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();

async function expectAccessible(page: Page, label: string) {
  // Once no write is running (a running write disables the submit buttons) and the buttons'
  // colour transition back from the disabled shade has ended.
  await expect.poll(() => page.locator("main button[type=submit]:disabled").count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
  await expectNoSeriousAxe(page, label);
}

// Deletes what a run added (names carry the run's stamp), so the shared demo case stays as it was
// even when an assertion failed half-way.
async function removeLeftovers(page: Page, caseUrl: string, stamp: string) {
  for (const tab of ["risks", "kpis"]) {
    await page.goto(`${caseUrl}/${tab}`);
    const buttons = page.getByRole("button", { name: new RegExp(`^Delete “.*${stamp}`) });
    for (let n = await buttons.count(); n > 0; n--) {
      await buttons.first().click();
      await expect.poll(() => buttons.count(), { timeout: 15_000 }).toBeLessThan(n);
    }
  }
}

describe("risks and KPIs in the browser", () => {
  it("the owner adds, finds in the heat map, edits and deletes a risk, and adds a KPI", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const caseUrl = await demoCaseUrl(page);
    const stamp = Date.now().toString(36);
    const title = `Data migration slips ${stamp}`;
    try {
      // A second tab opened now will be one version behind once the first one writes.
      const stale = await page.context().newPage();
      await stale.goto(`${caseUrl}/risks`);
      await expect.poll(() => stale.getByRole("heading", { name: "Risk register" }).isVisible()).toBe(true);

      await page.bringToFront(); // a background tab does not run CSS transitions
      await page.goto(`${caseUrl}/risks`);
      await expect.poll(() => page.getByRole("heading", { name: "Risk register" }).isVisible()).toBe(true);
      const add = page.getByTestId("risk-add-form");
      await add.getByLabel("Risk", { exact: true }).fill(title);
      await add.getByLabel("Category", { exact: true }).fill("delivery");
      await add.getByLabel("Owner", { exact: true }).fill("Project lead");
      await add.getByLabel("Likelihood", { exact: true }).selectOption("4");
      await add.getByLabel("Impact", { exact: true }).selectOption("5");
      await add.getByLabel("Mitigation", { exact: true }).fill("Trial migration in month 2, with a rollback plan");
      await add.getByRole("button", { name: "Add a risk" }).click();

      // The new risk appears in its row and in the likelihood 4 × impact 5 cell of the heat map.
      await expect.poll(() => page.getByTestId("heat-4-5").textContent(), { timeout: 15_000 }).toContain(title);
      const row = page.getByTestId("risk-row").filter({ hasText: title });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain("20 · High");
      expect(await add.getByLabel("Risk", { exact: true }).inputValue()).toBe(""); // a fresh form
      await expectAccessible(page, "risks");
      await screenshot(page, "risks");

      // The stale tab's write is refused: the conflict notice, what was typed kept, the page
      // refreshed to the current case; sending it again then succeeds.
      const staleTitle = `Vendor lock-in ${stamp}`;
      await stale.bringToFront();
      const staleForm = stale.getByTestId("risk-add-form");
      await staleForm.getByLabel("Risk", { exact: true }).fill(staleTitle);
      await staleForm.getByRole("button", { name: "Add a risk" }).click();
      await expect.poll(() => stale.getByTestId("conflict-notice").isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await staleForm.getByLabel("Risk", { exact: true }).inputValue()).toBe(staleTitle);
      await expect
        .poll(() => stale.getByTestId("risk-row").filter({ hasText: title }).count(), { timeout: 15_000 })
        .toBe(1);
      await screenshot(stale, "risks-conflict");
      await staleForm.getByRole("button", { name: "Add a risk" }).click();
      await expect
        .poll(() => stale.getByTestId("risk-row").filter({ hasText: staleTitle }).count(), { timeout: 15_000 })
        .toBe(1);
      await stale.getByRole("button", { name: `Delete “${staleTitle}”` }).click();
      await expect
        .poll(() => stale.getByTestId("risk-row").filter({ hasText: staleTitle }).count(), { timeout: 15_000 })
        .toBe(0);
      await stale.close();
      await page.bringToFront();
      await page.reload();

      // Edit in place: a lower impact moves it to the 4 × 2 cell.
      await page.getByRole("button", { name: `Edit “${title}”` }).click();
      const edit = page.getByTestId("risk-edit-form");
      await edit.getByLabel("Risk", { exact: true }).fill(`${title} (edited)`);
      await edit.getByLabel("Impact", { exact: true }).selectOption("2");
      await edit.getByRole("button", { name: "Save" }).click();
      await expect
        .poll(() => page.getByTestId("heat-4-2").textContent(), { timeout: 15_000 })
        .toContain(`${title} (edited)`);
      expect(await page.getByTestId("heat-4-5").textContent()).not.toContain(title);
      await expect.poll(() => edit.count()).toBe(0);

      // The keyboard moves it up one place (the last row can only go up).
      const moveUp = page.getByRole("button", { name: `Move “${title} (edited)” up` });
      if (await moveUp.isEnabled()) {
        const before = await page.getByTestId("risk-row").allTextContents();
        const at = before.findIndex((t) => t.includes(title));
        await moveUp.focus();
        await page.keyboard.press("Enter");
        await expect
          .poll(
            async () => (await page.getByTestId("risk-row").allTextContents()).findIndex((t) => t.includes(title)),
            { timeout: 15_000 },
          )
          .toBe(at - 1);
      }

      // Delete: gone from the table and the heat map.
      await page.getByRole("button", { name: `Delete “${title} (edited)”` }).click();
      await expect
        .poll(() => page.getByTestId("risk-row").filter({ hasText: title }).count(), { timeout: 15_000 })
        .toBe(0);
      expect(await page.getByTestId("risk-heatmap").textContent()).not.toContain(title);
      expect(await page.getByRole("button", { name: "Undo" }).isVisible()).toBe(true);

      // A KPI with its baseline, target and the change it asks for.
      const kpi = `Win rate ${stamp}`;
      await page.goto(`${caseUrl}/kpis`);
      const kpiForm = page.getByTestId("kpi-add-form");
      await kpiForm.getByLabel("KPI", { exact: true }).fill(kpi);
      await kpiForm.getByLabel("Unit").fill("%");
      await kpiForm.getByLabel("Better when").selectOption("up");
      await kpiForm.getByLabel("Baseline").fill("22.5");
      await kpiForm.getByLabel("Target").fill("30");
      await kpiForm.getByRole("button", { name: "Add a KPI" }).click();
      const kpiRow = page.getByTestId("kpi-row").filter({ hasText: kpi });
      await expect.poll(() => kpiRow.count(), { timeout: 15_000 }).toBe(1);
      expect(await kpiRow.textContent()).toContain("+7.5");
      await expectAccessible(page, "kpis");
      await screenshot(page, "kpis");

      // Tablet width: nothing spills out of the page.
      await page.setViewportSize({ width: 800, height: 1000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await screenshot(page, "kpis-tablet");
      await page.goto(`${caseUrl}/risks`);
      await expect.poll(() => page.getByRole("heading", { name: "Risk register" }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      await screenshot(page, "risks-tablet");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await removeLeftovers(page, caseUrl, stamp);
      await page.context().close();
    }
  });

  it("the viewer sees both tabs and no edit control", async () => {
    const page = await e2e.demoPage("viewer", { width: 1024, height: 900 });
    const caseUrl = await demoCaseUrl(page);
    for (const tab of ["risks", "kpis"] as const) {
      await page.goto(`${caseUrl}/${tab}`);
      await expect
        .poll(() => page.getByText("You can read this case; editing needs the editor or owner role.").isVisible())
        .toBe(true);
      expect(await page.getByTestId(tab === "risks" ? "risk-add-form" : "kpi-add-form").count()).toBe(0);
      expect(await page.getByRole("button", { name: /^(Edit|Duplicate|Delete|Move) “/ }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Add a/ }).count()).toBe(0);
      expect(await page.locator("main form").count()).toBe(0);
      await expectAccessible(page, `${tab}-viewer`);
      await screenshot(page, `${tab}-viewer`);
    }
    await page.context().close();
  });
});
