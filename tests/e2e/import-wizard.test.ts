// "New case from any spreadsheet" in Chromium: a council's workbook (cover sheet, merged title,
// £000, sections, totals) read by the wizard, which opens centred and can be cancelled; the
// guessed sheet, settings and lines shown in people's words; one line left out and the preview
// updated; the sheet's own NPV shown beside the case's; the case created in one go.
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser, signUp } from "../helpers/e2e";
import { councilBusinessCase } from "../fixtures/workbooks";

const e2e = setUpBrowser();

describe("the spreadsheet import wizard", () => {
  it("turns a council's workbook into a case", async () => {
    const page = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(page, `wizard-${Date.now()}@example.com`, "a long enough passphrase");
    await page.getByLabel("Workspace name").fill("Council");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/council-/);
    const workspaceUrl = page.url();

    // Opens centred; Cancel closes it and nothing happens.
    await page.getByTestId("workbook-wizard-open").click();
    const dialog = page.getByTestId("workbook-wizard");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const box = (await dialog.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - 640)).toBeLessThan(20);
    await dialog.getByRole("button", { name: "Cancel" }).first().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.getByTestId("workbook-wizard-open").click();
    await dialog.locator("input[type=file]").setInputFiles({
      name: "outline-business-case.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await councilBusinessCase()),
    });
    await dialog.getByRole("button", { name: "Read the file" }).click();
    const preview = page.getByTestId("workbook-wizard-preview");
    await expect.poll(() => preview.isVisible(), { timeout: 60_000 }).toBe(true);

    // The guesses, in people's words.
    expect(await dialog.getByLabel("Sheet with the figures").inputValue()).toBe("Financial Case");
    expect(await dialog.getByLabel("Case name").inputValue()).toBe(
      "Digital Customer Services Programme - Outline Business Case",
    );
    expect(await dialog.getByLabel("Currency").inputValue()).toBe("GBP");
    expect(await dialog.getByLabel("Discount rate (% a year)").inputValue()).toBe("3.5");
    const rows = page.getByTestId("workbook-wizard-rows");
    expect(await rows.textContent()).toContain("Total costs (a total)");
    expect(await dialog.getByLabel("Category of Staff training").inputValue()).toBe("training");
    const lines = page.getByTestId("workbook-wizard-lines");
    expect(await lines.textContent()).toContain("Implementation partner");
    expect(await lines.textContent()).toContain("£350,333");
    expect(await page.getByTestId("workbook-wizard-sheet-figures").textContent()).toContain("They agree.");
    expect(await page.getByTestId("workbook-wizard-notes").textContent()).toContain("rounded to 2 decimals");
    await expectNoSeriousAxe(page, "import wizard preview");
    await screenshot(page, "import-wizard-preview");

    // Leave one line out: the preview must be updated before the case can be created.
    await dialog.getByLabel("Include Staff training (row 8)").uncheck();
    expect(await dialog.getByRole("button", { name: "Create the case" }).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Update the preview" }).click();
    await expect.poll(() => lines.textContent(), { timeout: 60_000 }).not.toContain("Staff training");
    expect(await page.getByTestId("workbook-wizard-figures").textContent()).toContain("Total cost");

    await dialog.getByRole("button", { name: "Create the case" }).click();
    await page.waitForURL((url) => /\/cases\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId("case-name").textContent())
      .toBe("Digital Customer Services Programme - Outline Business Case");
    await page.getByRole("link", { name: "Costs and benefits" }).click();
    await expect
      .poll(() => page.getByRole("grid").textContent(), { timeout: 30_000 })
      .toContain("Implementation partner");
    expect(await page.getByRole("grid").textContent()).not.toContain("Staff training");
    expect(workspaceUrl).toContain("/w/council-");
    await page.context().close();
  });
});
