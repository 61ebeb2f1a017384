// A line's currency in the browser: the grid's currency column shows the case's currency until a
// line has its own; typing a code there saves it (upper-cased; the case has EUR at a rate of 1, so
// NPV does not move), and the line panel shows it in its currency input, where clearing it goes
// back to the case's. Conversion itself: tests/e2e/currencies.test.ts.
import { describe, expect, it } from "vitest";
import { signUp, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();

describe("a line's currency", () => {
  it("is edited in the grid and the panel, and changes no figure", async () => {
    const page = await e2e.newPage({ width: 1440, height: 900 });
    await signUp(page, `currency-${Date.now()}@example.com`, "a long enough passphrase");
    await page.getByLabel("Workspace name").fill("Valuta AB");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/valuta-ab-/);
    await page.getByLabel("Case name").fill("Currency case");
    await page.getByLabel("Start from").selectOption("crm-upgrade");
    await page.getByRole("button", { name: "Create case" }).click();
    await page.waitForURL(/\/cases\//);
    const caseId = new URL(page.url()).pathname.split("/")[4]!;
    const current = await page.request.get(`/api/v1/cases/${caseId}`);
    const rates = await page.request.patch(`/api/v1/cases/${caseId}`, {
      data: { fx: { EUR: [{ from: 0, rate: "1" }] } },
      headers: { Origin: new URL(page.url()).origin, "If-Match": current.headers()["etag"]! },
    });
    expect(rates.status(), await rates.text()).toBe(200);
    await page.reload();
    const npv = page.getByTestId("overview-npv");
    await expect.poll(() => npv.textContent()).toMatch(/SEK/);
    await page.getByRole("link", { name: "Costs and benefits" }).click();
    await page.waitForURL(/\/lines$/);

    const row = page.getByTestId("line-row").first();
    const cell = row.locator('[data-col="currency"]');
    await expect.poll(() => cell.textContent()).toBe("SEK");
    const before = await npv.textContent();
    await cell.click();
    await page.keyboard.type("eur");
    await page.keyboard.press("Enter");
    await expect.poll(() => cell.textContent()).toBe("EUR");
    await expect.poll(() => page.getByText(/^Saved “.*”; figures updated\.$/).count()).toBe(1);
    expect(await npv.textContent()).toBe(before);
    // Stored: a new render of the page shows it too.
    await page.reload();
    await expect.poll(() => cell.textContent()).toBe("EUR");

    await cell.click();
    await page.keyboard.press("Shift+Enter");
    const panel = page.getByTestId("line-panel");
    const input = panel.getByLabel("Currency", { exact: true });
    await expect.poll(() => input.inputValue()).toBe("EUR");
    await input.fill("");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => cell.textContent()).toBe("SEK");
    expect(await npv.textContent()).toBe(before);
  });
});
