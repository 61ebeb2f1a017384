// Scenarios, settings and the comparison in the browser, on a fresh case from the CRM-upgrade
// template in the demo workspace (never the demo case itself): the comparison's incremental NPV
// is the headline NPV; clone, rename and set a baseline; a discount-rate change moves NPV; a stale
// edit shows the conflict notice and keeps what was typed; the viewer sees no edit controls; and
// the three pages pass axe. The case is deleted at the end through the Settings tab.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot as save } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();

// The dev server may compile a route on first use and refresh after each write: wait generously.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });

// From the top, so the sticky summary bar does not cover the page in a full-page image.
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  return save(page, name);
}

// In dev mode a page hydrates a while after "load"; clicks and typing before that are lost.
async function open(page: Page, url: string) {
  await page.goto(url, { waitUntil: "networkidle" });
}

async function deleteCase(page: Page, caseUrl: string, name: string) {
  await open(page, `${caseUrl}/settings`);
  const confirm = page.getByLabel(`Type the case name “${name}” to confirm`);
  const button = page.getByRole("button", { name: "Delete this case permanently" });
  await poll(async () => {
    await confirm.fill(name);
    return button.isEnabled();
  }).toBe(true);
  await button.click();
  await page.waitForURL(/\/w\/nordic-retail$/);
}

// "-SEK 1,234,567" and "-1,234,567" are the same amount: compare sign and digits.
const amount = (text: string | null) => {
  const t = (text ?? "").trim();
  return `${/^[-−]|[-−]\s*[\d]/.test(t) ? "-" : ""}${t.replace(/[^\d]/g, "")}`;
};

describe("scenarios, settings and comparison", () => {
  it("compares, edits scenarios and settings, handles a stale edit, and hides edit controls from viewers", async () => {
    const owner = await e2e.demoPage("owner", { width: 1280, height: 900 });
    await owner.goto("/w/nordic-retail");
    const caseName = `Scenario check ${Date.now()}`;
    await owner.getByLabel("Case name").fill(caseName);
    await owner.getByLabel("Start from").selectOption("crm-upgrade");
    await owner.getByRole("button", { name: "Create case" }).click();
    await owner.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = owner.url();
    const npv = owner.getByTestId("overview-npv");
    await poll(() => npv.textContent()).toMatch(/SEK/);

    try {
      // Compare: the default alternative is the headline's, so the incremental NPV is the headline NPV.
      await open(owner, `${caseUrl}/compare`);
      const incNpv = owner.getByTestId("compare-incremental-npv");
      await poll(() => incNpv.isVisible()).toBe(true);
      expect(amount(await incNpv.textContent())).toBe(amount(await npv.textContent()));
      expect(await owner.getByText(/^Incremental means the alternative minus the baseline/).isVisible()).toBe(true);
      await poll(() => owner.locator(".recharts-surface").count()).toBeGreaterThan(1);
      await expectNoSeriousAxe(owner, "compare");
      await screenshot(owner, "compare");

      // Scenarios: clone the alternative, rename the copy, make it the baseline.
      await open(owner, `${caseUrl}/scenarios`);
      const rows = owner.getByTestId("scenario-row");
      await poll(() => rows.count()).toBe(2);
      const names = await owner.getByTestId("scenario-name").allTextContents();
      const alternative = names[1]!;
      await owner.getByRole("button", { name: `Clone ${alternative}`, exact: true }).click();
      await poll(() => rows.count()).toBe(3);
      const copy = `${alternative} (copy)`;
      await poll(() => owner.getByTestId("scenario-name").allTextContents()).toContain(copy);

      await owner.getByRole("button", { name: `Rename ${copy}`, exact: true }).click();
      const renameInput = owner.getByLabel(`New name for ${copy}`);
      await renameInput.fill("Replace with Acme CRM");
      await renameInput.press("Enter");
      await poll(() => owner.getByTestId("scenario-name").allTextContents()).toContain("Replace with Acme CRM");

      const headlineBefore = await npv.textContent();
      await owner.getByRole("button", { name: "Set Replace with Acme CRM as baseline", exact: true }).click();
      const acmeRow = rows.filter({ hasText: "Replace with Acme CRM" });
      await poll(() => acmeRow.getByTestId("baseline-badge").count()).toBe(1);
      await poll(() => owner.getByTestId("baseline-badge").count()).toBe(1);
      await poll(() => npv.textContent()).not.toBe(headlineBefore);
      await expectNoSeriousAxe(owner, "scenarios");
      await screenshot(owner, "scenarios");
      await owner.setViewportSize({ width: 800, height: 900 });
      await screenshot(owner, "scenarios-tablet");
      await owner.setViewportSize({ width: 1280, height: 900 });

      // Settings: a higher discount rate lowers the present values, so NPV changes.
      await open(owner, `${caseUrl}/settings`);
      const rate = owner.getByLabel("Discount rate (% a year)");
      await poll(() => rate.inputValue()).toMatch(/^\d/);
      const npvBefore = await npv.textContent();
      await rate.fill("17.5");
      await owner.getByRole("button", { name: "Save settings" }).click();
      await poll(() => owner.getByRole("status").filter({ hasText: "Settings saved" }).count()).toBe(1);
      await poll(() => npv.textContent()).not.toBe(npvBefore);
      await poll(() => rate.inputValue()).toBe("17.5");

      // A stale edit: another tab changes the case first; the notice shows and the input keeps its value.
      const other = await owner.context().newPage();
      await open(other, `${caseUrl}/scenarios`);
      await other.getByRole("button", { name: "Rename Replace with Acme CRM", exact: true }).click();
      await other.getByLabel("New name for Replace with Acme CRM").fill("Acme CRM");
      await other.getByLabel("New name for Replace with Acme CRM").press("Enter");
      await poll(() => other.getByTestId("scenario-name").allTextContents()).toContain("Acme CRM");
      await other.close();
      await rate.fill("12");
      await owner.getByRole("button", { name: "Save settings" }).click();
      await poll(() => owner.getByTestId("conflict-notice").isVisible()).toBe(true);
      expect(await rate.inputValue()).toBe("12");
      // The page now carries the current version: saving again goes through.
      await owner.getByRole("button", { name: "Save settings" }).click();
      await poll(() => owner.getByRole("status").filter({ hasText: "Settings saved" }).count()).toBe(1);
      await poll(() => owner.getByTestId("conflict-notice").count()).toBe(0);

      // A validation error stays next to its field, with the input kept.
      await owner.getByLabel("Horizon (months)").fill("500");
      await owner.getByRole("button", { name: "Save settings" }).click();
      await poll(() => owner.locator("#settings-horizonMonths-error").isVisible()).toBe(true);
      expect(await owner.getByLabel("Horizon (months)").inputValue()).toBe("500");
      await owner.getByLabel("Horizon (months)").fill("36");
      await expectNoSeriousAxe(owner, "settings");
      await screenshot(owner, "settings");

      // The demo viewer: the same pages, no edit controls.
      const viewer = await e2e.demoPage("viewer", { width: 820, height: 1000 });
      await open(viewer, `${caseUrl}/scenarios`);
      await poll(() => viewer.getByTestId("scenario-row").count()).toBe(3);
      expect(await viewer.getByRole("button", { name: /^(Rename|Clone|Delete|Set) / }).count()).toBe(0);
      expect(await viewer.getByRole("button", { name: "Add scenario" }).count()).toBe(0);
      expect(
        await viewer.getByText("You can read this case; editing needs the editor or owner role.").isVisible(),
      ).toBe(true);
      await expectNoSeriousAxe(viewer, "scenarios-viewer");
      await screenshot(viewer, "scenarios-viewer");
      await open(viewer, `${caseUrl}/settings`);
      await poll(() => viewer.getByRole("heading", { name: "Case settings" }).isVisible()).toBe(true);
      expect(await viewer.locator("main input, main select, main form").count()).toBe(0);
      expect(await viewer.getByRole("button", { name: /Save settings|Archive case|Delete this case/ }).count()).toBe(0);
      await expectNoSeriousAxe(viewer, "settings-viewer");
      await screenshot(viewer, "settings-viewer");
      await open(viewer, `${caseUrl}/compare`);
      await poll(() => viewer.getByTestId("compare-incremental-npv").isVisible()).toBe(true);
      await expectNoSeriousAxe(viewer, "compare-viewer");
      await screenshot(viewer, "compare-viewer");
      await viewer.context().close();

      // Delete (after a confirmation) down to one scenario: no delete offered for the last one, and
      // the comparison shows its empty state with a way to the Scenarios tab.
      await open(owner, `${caseUrl}/scenarios`);
      for (const name of ["Upgrade to the cloud CRM", "Keep the current CRM"]) {
        const before = await owner.getByTestId("scenario-row").count();
        await poll(async () => {
          await owner.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
          return owner.getByRole("button", { name: "Delete scenario", exact: true }).isVisible();
        }).toBe(true);
        await owner.getByRole("button", { name: "Delete scenario", exact: true }).click();
        await poll(() => owner.getByTestId("scenario-row").count()).toBe(before - 1);
      }
      await poll(() => owner.getByTestId("baseline-badge").count()).toBe(1);
      expect(await owner.getByRole("button", { name: /^Delete / }).count()).toBe(0);
      expect(
        await owner.getByText("A case keeps at least one scenario, so the last one cannot be deleted.").isVisible(),
      ).toBe(true);
      await open(owner, `${caseUrl}/compare`);
      await poll(() => owner.getByTestId("compare-empty").isVisible()).toBe(true);
      await expectNoSeriousAxe(owner, "compare-empty");
      await screenshot(owner, "compare-empty");
      await owner.getByRole("link", { name: "Go to Scenarios" }).click();
      await owner.waitForURL(/\/scenarios$/);
    } finally {
      // Delete the case (owner only, confirmed by typing its name): the shared database stays clean.
      await deleteCase(owner, caseUrl, caseName).catch((e: unknown) =>
        console.error("could not delete the test case", caseUrl, e),
      );
      await owner.context().close();
    }
  }, 480_000);
});
