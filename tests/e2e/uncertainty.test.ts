// The demo owner opens the demo case's Uncertainty tab: everything is on the incremental NPV of the
// upgrade against the baseline, the figure the case headlines (the tornado's base is the headline
// NPV, lines of both scenarios are varied), a break-even on a line of each scenario, and a Monte
// Carlo run whose progress bar moves during the run and whose P50 is the same when it is run again
// with the same seed. Read-only: the demo case is not changed.
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { DEMO_CASE_LINK, DEMO_WORKSPACE_LINK, expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();

describe("uncertainty tab", () => {
  it("shows the tornado and a break-even, and runs a reproducible Monte Carlo with progress", async () => {
    const page = await e2e.demoPage("owner");
    await page.getByRole("link", { name: DEMO_WORKSPACE_LINK }).click();
    await page.getByRole("link", { name: DEMO_CASE_LINK }).click();
    await page.getByRole("link", { name: "Uncertainty", exact: true }).click();
    await page.waitForURL(/\/uncertainty$/);

    // The tab's figures are the headline's: the incremental NPV against the baseline.
    const headline = (await page.getByTestId("overview-npv").textContent())!.trim();
    expect(headline).toMatch(/SEK/);
    const note = await page.getByTestId("uncertainty-scenario").textContent();
    expect(note).toMatch(/incremental NPV of “Upgrade to the cloud CRM” against the baseline “Keep the current CRM”/);
    expect(note).toContain(headline);
    await expect.poll(() => page.getByText(`Base NPV ${headline}`, { exact: true }).isVisible()).toBe(true);

    // Tornado: rows with NPV labels at both ends, lines of both scenarios labelled with their
    // scenario; the percentage switch re-labels them.
    const rows = page.getByTestId("tornado-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().locator("td").nth(1).textContent()).toMatch(/SEK/);
    expect(await rows.filter({ hasText: "Keep the current CRM" }).count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: "Upgrade to the cloud CRM" }).count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "±10%" }).click();
    await page.waitForURL(/pct=10/);
    await expect.poll(() => page.getByRole("columnheader", { name: "NPV at −10%" }).isVisible()).toBe(true);

    // Break-even of the upgrade's first benefit line (a GET form: the result comes back with the page),
    // then of the baseline's licence: it would have to fall for the upgrade to stop paying off.
    const select = page.getByLabel("Line", { exact: true });
    expect(await select.locator("optgroup").nth(1).getAttribute("label")).toBe("Benefits: Upgrade to the cloud CRM");
    const firstBenefit = await select.locator("optgroup").nth(1).locator("option").first().getAttribute("value");
    await select.selectOption(firstBenefit!);
    await page.getByRole("button", { name: "Calculate" }).click();
    await page.waitForURL(/line=upgrade\.benefit-/);
    await expect
      .poll(() => page.getByTestId("break-even-result").textContent())
      .toMatch(/The incremental NPV reaches zero when .* \(Upgrade to the cloud CRM\) changes by [−-]/);
    await page.getByLabel("Line", { exact: true }).selectOption({ label: "On-premise CRM licence and maintenance" });
    await page.getByRole("button", { name: "Calculate" }).click();
    await page.waitForURL(/line=current\.cost-0/);
    await expect
      .poll(() => page.getByTestId("break-even-result").textContent())
      .toMatch(
        /The incremental NPV reaches zero when “On-premise CRM licence and maintenance” \(Keep the current CRM\) changes by [−-]/,
      );

    // Monte Carlo: record every progress value the bar shows while it runs; 100,000 iterations
    // stream about 20 progress lines over the run, so the bar must show values between 0 and 100.
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("100000");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("7");
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      // Every value the bar took, also those replaced before this callback ran (oldValue).
      const note = (v: string | null | undefined) => {
        if (v !== null && v !== undefined && seen.at(-1) !== v) seen.push(v);
      };
      new MutationObserver((records) => {
        for (const r of records) if (r.type === "attributes") note(r.oldValue);
        note(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow"));
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeOldValue: true,
        attributeFilter: ["aria-valuenow"],
      });
    });
    await page.getByRole("button", { name: "Run" }).click();
    const progress = page.getByRole("progressbar", { name: "Simulation progress" });
    await expect.poll(() => progress.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("npv-p50").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => progress.getAttribute("aria-valuenow")).toBe("100");
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(seen.at(-1)).toBe("100");
    // The bar showed the run advancing (a value between 0 and 100) before it finished. How many
    // steps a browser paints depends on the machine's speed (several progress lines can arrive in
    // one network read); tests/integration/simulate-api.test.ts checks the lines leave the server
    // one by one during the run.
    expect(seen.filter((v) => Number(v) > 0 && Number(v) < 100).length, seen.join(",")).toBeGreaterThanOrEqual(1);
    expect(await page.getByText("Done: 100,000 iterations").isVisible()).toBe(true);
    expect(
      await page
        .getByText(/100,000 iterations, seed 7, “Upgrade to the cloud CRM” against the baseline “Keep the current CRM”/)
        .isVisible(),
    ).toBe(true);
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
    await expect.poll(() => page.getByText("Done: 100,000 iterations").isVisible()).toBe(true);
    expect(await page.getByTestId("npv-p50").textContent()).toBe(p50);
    expect(await page.getByTestId("npv-p10").textContent()).toBe(p10);

    // A bad iteration count is refused next to the field, before anything runs.
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("0");
    await page.getByRole("button", { name: "Run" }).click();
    await expect.poll(() => page.getByText("Enter a whole number from 1,000 to 100,000.").isVisible()).toBe(true);
    await page.getByRole("spinbutton", { name: "Iterations" }).fill("5000");

    await expectNoSeriousAxe(page, "uncertainty");
    await page.context().close();
  });
});
