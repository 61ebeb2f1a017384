// "New case from any spreadsheet" in Chromium: a council's workbook (cover sheet, merged title,
// £000, sections, totals) read by the wizard, which opens centred and can be cancelled; the
// guessed sheet, settings and lines shown in people's words; one line left out and the preview
// updated; the sheet's own NPV shown beside the case's; the case created in one go. A 20,000-row
// sheet shows its progress (the phase in words) before its preview, and Stop cancels a reading.
import ExcelJS from "exceljs";
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

  it("shows a big sheet's progress, then its preview; Stop cancels", async () => {
    const page = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(page, `wizard-big-${Date.now()}@example.com`, "a long enough passphrase");
    await page.getByLabel("Workspace name").fill("Big sheets");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/big-sheets-/);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Model");
    ws.addRow(["Item", "Type", "Year 1", "Year 2", "Year 3"]);
    for (let i = 0; i < 20_000; i++)
      ws.addRow([`Item ${i + 1}`, i % 3 ? "Cost" : "Benefit", 100 + (i % 97), 200.5, 300]);
    const file = {
      name: "big.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    };

    await page.getByTestId("workbook-wizard-open").click();
    const dialog = page.getByTestId("workbook-wizard");
    await dialog.locator("input[type=file]").setInputFiles(file);
    // Every phase the bar shows, as it changes (the page may be quicker than a poll).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { phases: string[] }).phases = []);
      new MutationObserver(() => {
        const p = document.querySelector("[data-testid=workbook-wizard-progress] p");
        const bar = document.querySelector("[data-testid=workbook-wizard-progress] [role=progressbar]");
        if (p && bar)
          seen.push(`${p.getAttribute("data-phase")}|${p.textContent}|${bar.getAttribute("aria-valuenow")}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await dialog.getByRole("button", { name: "Read the file" }).click();
    await expect.poll(() => page.getByTestId("workbook-wizard-progress").isVisible()).toBe(true);
    const preview = page.getByTestId("workbook-wizard-preview");
    await expect.poll(() => preview.isVisible(), { timeout: 120_000 }).toBe(true);
    expect(await page.getByTestId("workbook-wizard-progress").isVisible()).toBe(false);
    const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
    expect(phases.length).toBeGreaterThan(0);
    expect(
      phases.some((p) =>
        /^(read|guess|build)\|(Reading the file|Finding the table|Building the lines) \(\d+ %\)\|\d+$/.test(p),
      ),
    ).toBe(true);
    expect(phases.some((p) => p.startsWith("build|"))).toBe(true);
    // 20,000 lines are more than a case holds: said in words, per scenario, the file named.
    expect(await dialog.getByRole("alert").textContent()).toContain(
      "13,333 lines; a case holds at most 5,000 a scenario",
    );

    // Stop: the reading ends, nothing is saved, and the page says so.
    // The table shows the first 500 lines and counts the rest.
    expect(await dialog.getByText("…and 19,500 more lines (the case gets every line)").isVisible()).toBe(true);
    await dialog.locator("input[type=file]").setInputFiles(file);
    await dialog.getByRole("button", { name: "Read the file" }).click();
    await dialog.getByTestId("workbook-wizard-stop").click();
    await expect
      .poll(() => dialog.getByRole("alert").first().textContent(), { timeout: 30_000 })
      .toContain("Reading stopped: nothing was saved.");
    expect(await page.getByTestId("workbook-wizard-progress").isVisible()).toBe(false);
    await page.context().close();
  });
});
