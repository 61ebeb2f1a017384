// Spreadsheets in the browser: a CSV with a Swedish header and decimal commas imported into a
// new case's lines (one mapping corrected, the preview's problem seen and resolved, then one
// import), the workbook downloaded from the case page and turned into a new case; no serious
// accessibility violation.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser, signUp } from "../helpers/e2e";

const e2e = setUpBrowser();

const CSV = [
  "Namn;Belopp;Typ;Frekvens;Startmånad;Slutmånad",
  "Licenser;1 250,50;software;månadsvis;1;12",
  "Utbildning;30 000;training;engång;;",
  "Konsulter;12 000,75;integration;kvartalsvis;3;99",
  "",
].join("\r\n");

describe("spreadsheets in the browser", () => {
  it("imports a Swedish CSV into the lines and downloads the workbook", async () => {
    const page = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(page, `sheets-${Date.now()}@example.com`, "a long enough passphrase");
    await page.getByLabel("Workspace name").fill("Kalkyl AB");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/kalkyl-ab-/);
    await page.getByLabel("Case name").fill("Import från kalkylblad");
    await page.getByLabel("Start from").selectOption("crm-upgrade");
    await page.getByRole("button", { name: "Create case" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = /cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.getByRole("link", { name: "Costs and benefits" }).click();
    await page.waitForURL(/\/lines$/);

    await page.getByTestId("import-lines").click();
    const dialog = page.getByTestId("import-dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "rader.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });

    // The mapping step: columns guessed from the Swedish header, numbers read the Swedish way.
    await expect.poll(() => page.getByTestId("import-map-0").inputValue(), { timeout: 30_000 }).toBe("name");
    expect(await page.getByTestId("import-map-1").inputValue()).toBe("amount");
    expect(await page.getByTestId("import-map-2").inputValue()).toBe("kind"); // "Typ" guessed as the kind ...
    expect(await page.getByTestId("import-map-3").inputValue()).toBe("recurring");
    expect(await page.getByTestId("import-number-format").inputValue()).toBe("sv");
    await page.getByTestId("import-map-2").selectOption("category"); // ... but it holds categories
    await expectNoSeriousAxe(page, "import mapping");
    await screenshot(page, "import-mapping");

    // The preview names the problem by row and column; nothing can be imported yet.
    await page.getByTestId("import-preview").click();
    const problems = page.getByTestId("import-problems");
    await expect.poll(() => problems.textContent()).toContain("Row 4, column F (Slutmånad)");
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    await expectNoSeriousAxe(page, "import preview with problems");
    await screenshot(page, "import-preview-problems");

    // Ignoring the end-month column (recurring lines then run to the horizon) leaves no problem.
    await page.getByTestId("import-back").click();
    await page.getByTestId("import-map-5").selectOption("");
    await page.getByTestId("import-preview").click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toContain("3 cost lines and 0 benefit lines");
    expect(await problems.count()).toBe(0);
    // The preview lists the lines as read: "1 250,50" is 1250.5.
    const previewLines = page.getByTestId("import-preview-lines");
    expect(await previewLines.textContent()).toContain("Licenser");
    expect(await previewLines.textContent()).toContain("1250.5");
    await expectNoSeriousAxe(page, "import preview");
    await page.getByTestId("import-confirm").click();
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(false);
    const grid = page.getByRole("grid");
    await expect.poll(() => grid.textContent(), { timeout: 30_000 }).toContain("Licenser");
    expect(await grid.textContent()).toContain("Konsulter");
    // 1 250,50 a month for months 1-36 (the end-month column was ignored): SEK 45,018 in total.
    expect(await grid.textContent()).toContain("Monthly, months 1–36");
    expect((await grid.textContent())!.replace(/[\u00a0\u202f]/g, " ")).toContain("SEK 45,018");

    // The workbook: a button beside the report, and a download whose lines sheet has the import.
    const href = await page.getByTestId("download-workbook").getAttribute("href");
    expect(href).toBe(`/api/v1/cases/${caseId}/export.xlsx`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toContain("Summary");
    const linesSheet = wb.worksheets.find(
      (s) => s.name.endsWith(" lines") && JSON.stringify(s.getSheetValues()).includes("Licenser"),
    )!;
    expect(linesSheet).toBeDefined();
    // Columns by their header (the contract's field names; the id is last).
    const column = (h: string) => (linesSheet.getRow(1).values as unknown[]).indexOf(h);
    const row = linesSheet
      .getRows(2, linesSheet.rowCount - 1)!
      .find((r) => r.getCell(column("name")).value === "Licenser")!;
    expect(row.getCell(column("amount")).value).toBe(1250.5);
    // People open on the Summary; tools read Figures.
    expect(names[0]).toBe("Summary");
    expect(names).toContain("Figures");

    // The same workbook starts a new case in the workspace, with the imported lines in it.
    const workspaceUrl = new URL(page.url()).pathname.replace(/\/cases\/.*$/, "");
    await page.goto(workspaceUrl);
    // The wizard takes Caseboard's own workbook back whole.
    await page.getByTestId("workbook-wizard-open").click();
    const wizard = page.getByTestId("workbook-wizard");
    await wizard.locator("input[type=file]").setInputFiles({
      name: "case.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await res.body(),
    });
    await wizard.getByRole("button", { name: "Read the file" }).click();
    await expect.poll(() => page.getByTestId("workbook-wizard-preview").isVisible(), { timeout: 60_000 }).toBe(true);
    await expectNoSeriousAxe(page, "workspace with the workbook import");
    await wizard.getByRole("button", { name: "Create the case" }).click();
    await page.waitForURL((url) => /\/cases\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.includes(caseId), {
      timeout: 30_000,
    });
    await expect.poll(() => page.getByTestId("case-name").textContent()).toBe("Import från kalkylblad");
    await page.getByRole("link", { name: "Costs and benefits" }).click();
    await expect.poll(() => page.getByRole("grid").textContent(), { timeout: 30_000 }).toContain("Licenser");
    await page.context().close();
  });
});
