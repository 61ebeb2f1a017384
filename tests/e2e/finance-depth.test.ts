// A public-sector analyst starts from the Green Book template, turns tax on in the settings, reads
// the overview before and after tax (the optimism-bias and unadjusted figures beside the headline)
// and asks the goal-seek panel what benefit makes payback 24 months, and for a payback no value can
// reach. Then the Uncertainty tab lists the switching values (docs/tax-and-inflation.md).
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser, signUp } from "../helpers/e2e";

const e2e = setUpBrowser();
const PASSWORD = "correct horse battery staple 24";

describe("tax, optimism bias and goal seek in the browser", () => {
  it("toggles before/after tax on the overview and answers a goal seek", async () => {
    const page = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(page, `analyst-${Date.now()}@example.com`, PASSWORD);
    await page.getByLabel("Workspace name").fill("Borough Council");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/borough-council-/);
    await page.getByLabel("Case name").fill("Case management system");
    await page.getByLabel("Start from").selectOption("green-book");
    await page.getByRole("button", { name: "Create case" }).click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    const overview = page.url();

    // Optimism bias from the template: the headline beside the bias only and the unadjusted NPV.
    const figures = page.getByTestId("finance-figures");
    await expect.poll(() => figures.isVisible()).toBe(true);
    expect(await figures.getByRole("heading").textContent()).toBe("Optimism bias");
    const unadjusted = (await page.getByTestId("finance-npv-unadjusted").textContent())!;
    const headline = (await page.getByTestId("finance-npv-headline").textContent())!;
    expect(headline).toMatch(/£|GBP/);
    expect(headline).not.toBe(unadjusted);

    // Tax on, 25 %, paid annually.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(/\/settings$/);
    const settings = page.getByTestId("finance-settings");
    expect(await settings.getByLabel("Inflation (% a year)").inputValue()).toBe("2");
    expect(await settings.getByLabel("Amounts are in").inputValue()).toBe("real");
    await settings.getByLabel("Compute figures after tax").check();
    await settings.getByLabel("Tax rate (%)").fill("25");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => settings.getByText("Saved.").isVisible()).toBe(true);

    await page.goto(overview);
    await expect.poll(() => figures.getAttribute("data-basis")).toBe("after");
    expect(await figures.getByRole("heading").textContent()).toBe("Before and after tax");
    const after = (await page.getByTestId("finance-npv-headline").textContent())!;
    await page.getByTestId("tax-toggle-before").click();
    await expect.poll(() => figures.getAttribute("data-basis")).toBe("before");
    expect(await page.getByTestId("finance-npv-headline").textContent()).toBe(headline);
    expect(after).not.toBe(headline);
    expect(await page.getByTestId("tax-toggle-before").getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("tax-toggle-after").click();
    await expect.poll(() => page.getByTestId("finance-npv-headline").textContent()).toBe(after);
    await screenshot(page, "finance-overview-after-tax");

    // Goal seek: the benefit that makes payback 24 months.
    const panel = page.getByTestId("goal-seek");
    await panel.getByLabel("Input").selectOption({ label: "Case handling time saved (amount, New CRM)" });
    await panel.getByLabel("Figure").selectOption("payback");
    await panel.getByLabel("Target").fill("24");
    await panel.getByRole("button", { name: "Find the value" }).click();
    const result = page.getByTestId("goal-seek-result");
    await expect.poll(() => result.getAttribute("data-kind"), { timeout: 30_000 }).toBe("reached");
    expect(await result.textContent()).toMatch(
      /^Case handling time saved \(amount, New CRM\): .+ gives Payback \(months\) 24(\.00)?\.$/,
    );

    // A payback of one month: no benefit in the range reaches it.
    await panel.getByLabel("Target").fill("1");
    await panel.getByRole("button", { name: "Find the value" }).click();
    await expect.poll(() => result.getAttribute("data-kind"), { timeout: 30_000 }).toBe("missed");
    expect(await result.textContent()).toMatch(/^No value between .+ and .+ reaches the target\.$/);
    await expectNoSeriousAxe(page, "finance overview");

    // The comparison has the after-tax rows.
    await page.getByRole("link", { name: "Comparison", exact: true }).click();
    await page.waitForURL(/\/compare/);
    await expect.poll(() => page.getByRole("rowheader", { name: "NPV after tax" }).isVisible()).toBe(true);

    // Switching values on the Uncertainty tab.
    await page.getByRole("link", { name: "Uncertainty", exact: true }).click();
    await page.waitForURL(/\/uncertainty$/);
    const table = page.getByTestId("switching-values");
    await expect.poll(() => table.getByRole("row").count()).toBeGreaterThan(2);
    expect(await table.textContent()).toContain("Case handling time saved");
  }, 180_000);
});
