// Benefit realisation in Chromium: on an approved case, the owner sets "actuals through", enters
// three months of actuals by keyboard and by paste, sees the variance and the realised ROI change
// (the case stays approved), finds the realisation section in the downloaded board report, and the
// tab passes axe in English and Chinese; the viewer reads the demo case's tab without edit controls.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();
const baseURL = inject("baseURL");

// The hand-calculated case (tests/unit/finance/realisation.test.ts) without its actuals.
function smallCaseWithoutActuals(name: string) {
  const file = JSON.parse(
    readFileSync(path.join(process.cwd(), "tests/fixtures/cases/realisation-small.json"), "utf8"),
  );
  delete file.actualsThrough;
  for (const s of file.scenarios) for (const l of [...(s.costs ?? []), ...(s.benefits ?? [])]) delete l.actuals;
  return { ...file, name };
}

async function paste(page: Page, text: string) {
  await page.getByTestId("actuals-grid").evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const money = (v: string) => formatMoney(v, "SEK", "en");

describe("benefit realisation in the browser", () => {
  it("enters actuals by keyboard and paste, keeps the approval, and reports them", async () => {
    const page = await e2e.demoPage("owner", { width: 1400, height: 1000 });
    const name = `Realisation ${Date.now().toString(36)}`;
    const created = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
      data: smallCaseWithoutActuals(name),
      headers: { Origin: baseURL },
    });
    expect(created.status(), await created.text()).toBe(201);
    const caseId = ((await created.json()) as { data: { id: string } }).data.id;
    try {
      const approve = await page.request.post(`/api/v1/cases/${caseId}/status`, {
        data: { status: "approved" },
        headers: { Origin: baseURL, "If-Match": '"1"' },
      });
      expect(approve.status(), await approve.text()).toBe(200);

      await page.goto(`/w/nordic-retail/cases/${caseId}/realisation`);
      await expect.poll(() => page.getByTestId("realisation-not-started").isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Approved");
      await page.getByTestId("actuals-through").selectOption("3");
      await page.getByTestId("save-tracking").click();
      await expect.poll(() => page.getByTestId("actuals-grid").isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => page.getByTestId("realisation-realised-roi").textContent()).toBe("None yet"); // nothing recorded yet, said in words

      // Keyboard: Enter edits, Enter saves and moves down; typing starts an edit, Tab saves and moves right.
      await page.getByTestId("actual-implementation-0").click();
      await page.keyboard.press("Enter");
      await page.keyboard.type("14000");
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.getByTestId("actual-implementation-0").locator("span").first().textContent())
        .toBe("14,000");
      await expect.poll(() => page.getByTestId("variance-implementation").textContent()).toBe(`+${money("800")}`);
      await page.keyboard.press("ArrowRight"); // Enter moved down to Licence, month 0
      await page.keyboard.type("500");
      await page.keyboard.press("Tab");
      await page.keyboard.type("500");
      await page.keyboard.press("Tab");
      await page.keyboard.type("500");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId("actual-licence-3").locator("span").first().textContent()).toBe("500");
      await expect.poll(() => page.getByTestId("variance-licence").textContent()).toBe(money("0"));
      // costs 15,500 and no benefit yet: -100 %
      await expect
        .poll(() => page.getByTestId("realisation-realised-roi").textContent(), { timeout: 15_000 })
        .toBe(formatPercent("-1", "en"));
      await screenshot(page, "realisation-keyboard");

      // Paste three months of Sales from a spreadsheet at the focused cell (Sales, month 1).
      await page.getByTestId("actual-sales-1").click();
      await paste(page, "4,000\t5000\t6000\n");
      await expect.poll(() => page.getByTestId("actuals-status").textContent()).toBe("Pasted 3 cells.");
      // (4,500 - 15,500) / 15,500 = -71.0 %; net actual -11,000 against a plan of -8,400
      await expect
        .poll(() => page.getByTestId("realisation-realised-roi").textContent(), { timeout: 15_000 })
        .toBe(formatPercent("-0.7096774193548387", "en"));
      await expect.poll(() => page.getByTestId("realisation-variance").textContent()).toBe(money("-2600"));
      await expect.poll(() => page.getByTestId("variance-sales").textContent()).toBe(money("0"));
      expect(await page.getByTestId("unrecorded-lines").textContent()).toBe("Saved time");
      // A bad paste changes nothing and says why.
      await page.getByTestId("actual-saved-time-1").click();
      await paste(page, "lots\t700\n");
      await expect.poll(() => page.getByTestId("actuals-error").textContent()).toContain('Not a number: "lots"');
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Approved");
      expect(await page.getByTestId("case-version").textContent()).toBe("version 2");
      await page.waitForTimeout(500);
      await expectNoSeriousAxe(page, "realisation (en)");
      await screenshot(page, "realisation-en");

      // The board report carries the section, its title the conclusion.
      const pdf = await page.request.get(`/api/v1/cases/${caseId}/report.pdf?locale=en`);
      expect(pdf.status()).toBe(200);
      const dir = mkdtempSync(path.join(tmpdir(), "realisation-e2e-"));
      writeFileSync(path.join(dir, "report.pdf"), await pdf.body());
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "report.pdf"), "-"], { encoding: "utf8" });
      expect(text).toContain("BENEFIT REALISATION");
      expect(text).toContain("2 months in, benefits are 28.6% behind plan; realised ROI -71.0%");

      // Chinese: the same tab, translated, still accessible.
      await page.getByLabel("Language").selectOption("zh");
      await expect.poll(() => page.getByRole("heading", { name: "效益实现", exact: true }).isVisible()).toBe(true);
      await page.waitForTimeout(500);
      await expectNoSeriousAxe(page, "realisation (zh)");
      await screenshot(page, "realisation-zh");
      await page.getByLabel("语言").selectOption("en");
      await expect
        .poll(() => page.getByRole("heading", { name: "Benefit realisation", exact: true }).isVisible())
        .toBe(true);
    } finally {
      const current = await page.request.get(`/api/v1/cases/${caseId}`);
      await page.request.delete(`/api/v1/cases/${caseId}`, {
        headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
      });
      await page.context().close();
    }
  });

  it("the viewer reads the demo case twelve months after go-live, without edit controls", async () => {
    const page = await e2e.demoPage("viewer", { width: 1400, height: 1000 });
    await page.goto("/w/nordic-retail");
    const href = await page
      .getByRole("link", { name: /^CRM upgrade 2026: twelve months after go-live/ })
      .first()
      .getAttribute("href");
    await page.goto(`${href}/realisation`);
    await expect.poll(() => page.getByTestId("actuals-grid").isVisible()).toBe(true);
    expect(await page.getByTestId("save-tracking").count()).toBe(0);
    expect(await page.getByTestId("unrecorded-lines").textContent()).toBe("Self-service order tracking");
    await page.getByTestId("actual-upgrade-c1-5").click();
    await page.keyboard.press("Enter");
    expect(await page.locator("[data-testid=actuals-grid] input").count()).toBe(0);
    await expect.poll(() => page.locator(".recharts-surface").count()).toBeGreaterThan(2);
    await page.waitForTimeout(500);
    await expectNoSeriousAxe(page, "realisation demo (viewer)");
    await screenshot(page, "realisation-demo-viewer");
    await page.context().close();
  });
});
