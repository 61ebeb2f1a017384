// Every page a user meets, checked the way a user meets it: an axe scan (no serious or critical
// violation) and a full-page screenshot under test-results/screenshots, at desktop width, at
// tablet width and in other languages; a case with a 300-character name; a 1,000-line case that
// must stay usable (the grid renders only what is visible, scrolls to the end and edits there).
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { syntheticCase } from "../../bench/engine-cases";
import { screenshot } from "../helpers/browser";
import { demoCaseId, expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const baseURL = inject("baseURL");
const e2e = setUpBrowser();

// Cases this file imports are deleted again, so the other suites find the demo workspace as seeded.
const imported: { page: Page; id: string }[] = [];
async function importCase(page: Page, file: unknown): Promise<string> {
  const res = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
    data: file,
    headers: { Origin: baseURL },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { data: { id: string } };
  imported.push({ page, id: body.data.id });
  return body.data.id;
}
async function deleteImported(page: Page) {
  for (const c of imported.filter((i) => i.page === page)) {
    const current = await page.request.get(`/api/v1/cases/${c.id}`);
    const res = await page.request.delete(`/api/v1/cases/${c.id}`, {
      headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
    });
    expect(res.status()).toBeLessThan(300);
  }
}

const CASE_TABS = ["", "lines", "risks", "kpis", "scenarios", "compare", "uncertainty", "settings"];

describe("every page", () => {
  it("signed out: sign-in and sign-up pass axe", async () => {
    const page = await e2e.newPage();
    for (const path of ["/signin", "/signup"]) {
      await page.goto(path);
      await expectNoSeriousAxe(page, path);
      await screenshot(page, `page${path.replace(/\//g, "-")}`);
    }
    await page.context().close();
  });

  it("signed in as the demo owner: workspace pages and every case tab pass axe, at 1280 px and at tablet width", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    await expectNoSeriousAxe(page, "/w");
    await screenshot(page, "page-workspaces");
    const caseId = await demoCaseId(page);
    for (const path of ["/w/nordic-retail", "/w/nordic-retail/members", "/w/nordic-retail/settings/tokens"]) {
      await page.goto(path);
      await expectNoSeriousAxe(page, path);
      await screenshot(page, `page${path.replace(/\//g, "-")}`);
    }
    for (const tab of CASE_TABS) {
      await page.goto(`/w/nordic-retail/cases/${caseId}${tab ? `/${tab}` : ""}`);
      await expect.poll(() => page.getByTestId("overview-npv").isVisible()).toBe(true);
      await expectNoSeriousAxe(page, `case/${tab || "overview"}`);
      await screenshot(page, `page-case-${tab || "overview"}`);
    }
    // A warning leads to where its cause lives (the demo case pays back after 12 months).
    await page.goto(`/w/nordic-retail/cases/${caseId}`);
    // Every headline figure explains itself on demand: formula and inputs.
    await page.getByText("How these figures are computed").click();
    await expect
      .poll(() => page.getByTestId("figures-explained").textContent())
      .toMatch(/ROI: \(total benefits SEK\s[\d,]+ − total costs SEK\s[\d,]+\) ÷ total costs = [\d.]+%/);
    await expectNoSeriousAxe(page, "case/overview with explanations");
    await page.getByTestId("check-link-payback-12-months").click();
    await page.waitForURL(/\/lines$/);
    // The payback figure is a month and a date.
    expect(await page.getByTestId("overview-payback").textContent()).toMatch(/^month \d+\.\d \([A-Z][a-z]{2} \d{4}\)$/);

    // The grid's own keyboard: the details panel opens with Shift+Enter and passes axe too.
    await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await page.getByRole("gridcell").first().click();
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => page.getByTestId("line-panel").isVisible()).toBe(true);
    await expectNoSeriousAxe(page, "case/lines with panel");
    await screenshot(page, "page-case-lines-panel");

    // Tablet: nothing overflows the page sideways (wide tables scroll inside their card).
    await page.setViewportSize({ width: 820, height: 1100 });
    for (const tab of ["", "lines", "compare", "risks"]) {
      await page.goto(`/w/nordic-retail/cases/${caseId}${tab ? `/${tab}` : ""}`);
      await expect.poll(() => page.getByTestId("overview-npv").isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
      await screenshot(page, `tablet-case-${tab || "overview"}`);
    }
    await page.context().close();
  });

  it("Swedish and Chinese: labels, numbers and axe", async () => {
    const page = await e2e.demoPage("viewer", { width: 1280, height: 900 });
    const caseId = await demoCaseId(page);
    await page.getByLabel("Language").selectOption("zh");
    await expect.poll(() => page.getByLabel("语言").isVisible()).toBe(true);
    await page.goto(`/w/nordic-retail/cases/${caseId}`);
    await expect.poll(() => page.getByRole("link", { name: "成本与收益" }).isVisible()).toBe(true);
    await expectNoSeriousAxe(page, "zh overview");
    await screenshot(page, "zh-case-overview");
    await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await expectNoSeriousAxe(page, "zh lines");
    await screenshot(page, "zh-case-lines");
    await page.getByLabel("语言").selectOption("sv");
    await expect.poll(() => page.getByLabel("Språk").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("link", { name: "Kostnader och nyttor" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("overview-npv").textContent()).toMatch(/^[−-]?[\d\s\u00a0]+kr$/);
    await screenshot(page, "sv-case-lines");
    await page.getByLabel("Språk").selectOption("en"); // leave the shared demo viewer as found
    await page.context().close();
  });

  it("a case with a 300-character name and emoji reads well; print view hides the controls", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const file = syntheticCase(12, 36, 2, 5);
    const tag = `Kedja${Date.now().toString(36)}`;
    const name =
      `${tag} ${"Omnikanal-CRM för butikskedjan med integration mot kassa, lager och e-handel 🚀 ".repeat(4)}`.slice(
        0,
        300,
      );
    const caseId = await importCase(page, { ...file, name });
    await page.goto(`/w/nordic-retail/cases/${caseId}`);
    await expect.poll(() => page.getByTestId("case-name").textContent()).toBe(name.trim());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, "long-name-overview");
    await page.goto("/w/nordic-retail");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, "long-name-case-list");
    // Search by a word of the name, accents and case ignored; a miss says so.
    await page.getByRole("searchbox", { name: "Search cases" }).fill(tag.toUpperCase());
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByTestId("case-row").count()).toBe(1);
    await page.getByRole("searchbox", { name: "Search cases" }).fill("no such case anywhere");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByText("No case matches “no such case anywhere”.").isVisible()).toBe(true);
    await page.goto(`/w/nordic-retail/cases/${caseId}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Case sections" }).isVisible()).toBe(false);
    await screenshot(page, "print-overview");
    await page.emulateMedia({ media: "screen" });
    await deleteImported(page);
    await page.context().close();
  });

  it("an empty case says how to start instead of drawing empty charts", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const caseId = await importCase(page, {
      format: "caseboard/v1",
      name: `Empty ${Date.now()}`,
      currency: "EUR",
      startMonth: "2027-03",
      horizonMonths: 24,
      discountRate: "0.08",
      scenarios: [{ key: "base", name: "Base" }],
    });
    await page.goto(`/w/nordic-retail/cases/${caseId}`);
    await expect.poll(() => page.getByTestId("case-empty").isVisible()).toBe(true);
    expect(await page.locator(".recharts-surface").count()).toBe(0);
    await expectNoSeriousAxe(page, "empty overview");
    await screenshot(page, "empty-case-overview");
    await page.getByRole("link", { name: "Add costs and benefits" }).click();
    await page.waitForURL(/\/lines$/);
    await expect.poll(() => page.getByText("No cost lines in this scenario yet.").isVisible()).toBe(true);
    await screenshot(page, "empty-case-lines");
    // Rows copied from a spreadsheet (tab-separated, with a header, numbers in the user's format)
    // become lines in one write; a bad row adds nothing and says which.
    const paste = (text: string) =>
      page
        .getByTestId("lines-empty")
        .or(page.getByRole("grid"))
        .first()
        .evaluate((el, t) => {
          const data = new DataTransfer();
          data.setData("text/plain", t);
          el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }, text);
    await page.getByTestId("lines-empty").focus();
    await paste(
      "Name\tAmount\tCategory\tTiming\nCRM licences\t1,250.75\tsoftware\tmonthly\nGo-live party\tlots\tother\tonce\n",
    );
    await expect
      .poll(() => page.getByTestId("paste-problems").textContent())
      .toContain("Row 3: “lots” is not an amount");
    expect(await page.getByTestId("case-version").textContent()).toBe("version 1");
    await paste(
      "Name\tAmount\tCategory\tTiming\nCRM licences\t1,250.75\tsoftware\tmonthly\nGo-live party\t8000\tother\tonce\n",
    );
    await expect.poll(() => page.getByTestId("line-row").count()).toBe(2);
    await expect.poll(() => page.getByTestId("case-version").textContent()).toBe("version 2");
    await expect.poll(() => page.locator('[data-cell="0:2"]').textContent()).toBe("1,251");
    await screenshot(page, "pasted-lines");
    await deleteImported(page);
    await page.context().close();
  });

  it("a stale edit in the grid shows what someone else changed and keeps what was typed", async () => {
    const mine = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const caseId = await importCase(mine, { ...syntheticCase(6, 24, 2, 3), name: `Conflict ${Date.now()}` });
    const other = await mine.context().newPage();
    await mine.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await other.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await expect.poll(() => mine.getByTestId("line-row").count()).toBeGreaterThan(1);
    // Someone else renames the first line...
    await other.locator('[data-cell="0:0"]').click();
    await other.keyboard.press("F2");
    await other.keyboard.press("Control+A");
    await other.keyboard.type("Renamed elsewhere");
    await other.keyboard.press("Enter");
    await expect.poll(() => other.getByTestId("case-version").textContent()).toBe("version 2");
    // ...while this page still shows version 1: its edit is refused, the notice names the change,
    // and the typed name is still in the editor.
    await mine.locator('[data-cell="1:0"]').click();
    await mine.keyboard.press("F2");
    await mine.keyboard.press("Control+A");
    await mine.keyboard.type("My new name");
    await mine.keyboard.press("Enter");
    const notice = mine.getByTestId("conflict-notice");
    await expect.poll(() => notice.isVisible()).toBe(true);
    await expect.poll(() => notice.textContent()).toMatch(/line “Renamed elsewhere” — changed \(name\)/);
    await expect.poll(() => mine.locator('[data-cell="1:0"] input').inputValue()).toBe("My new name");
    await screenshot(mine, "lines-conflict");
    // Nothing is saved behind the user's back while they look at the notice.
    await mine.waitForTimeout(1500);
    expect(await mine.getByTestId("case-version").textContent()).toBe("version 2");
    // Saving again (now on the current version) goes through.
    await mine.locator('[data-cell="1:0"] input').press("Enter");
    await expect.poll(() => mine.locator('[data-cell="1:0"]').textContent()).toBe("My new name");
    await expect.poll(() => mine.getByTestId("case-version").textContent()).toBe("version 3");
    // Delete the middle line with the keyboard, then undo: it comes back at its place.
    const third = await mine.locator('[data-cell="1:0"]').textContent();
    await mine.locator('[data-cell="1:0"]').click();
    await mine.keyboard.press("Delete");
    await expect.poll(() => mine.getByTestId("undo-bar").isVisible()).toBe(true);
    await expect.poll(() => mine.getByRole("gridcell", { name: third!, exact: true }).count()).toBe(0);
    await mine.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => mine.locator('[data-cell="1:0"]').textContent()).toBe(third);
    await screenshot(mine, "lines-undo");
    await deleteImported(mine);
    await mine.context().close();
  });

  it("a 1,000-line scenario stays usable: the grid renders only visible rows, scrolls to the end, edits there and recomputes", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const caseId = await importCase(page, {
      ...syntheticCase(1000, 60, 2, 9),
      name: "Large case: 1,000 lines per scenario",
    });
    const started = Date.now();
    await page.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await expect.poll(() => page.getByTestId("line-row").count()).toBeGreaterThan(5);
    const loadMs = Date.now() - started;
    const rendered = await page.getByTestId("line-row").count();
    expect(rendered).toBeLessThan(80); // virtualised: about a screenful plus overscan, not 500
    expect(await page.getByRole("grid").getAttribute("aria-rowcount")).toBe("501");
    await screenshot(page, "large-case-lines");

    // Ctrl+End goes to the last cell; the grid scrolls there.
    await page.getByRole("gridcell").first().click();
    await page.keyboard.press("Control+End");
    await expect.poll(() => page.locator('[data-cell="499:0"]').isVisible()).toBe(true);
    const npv = page.getByTestId("overview-npv");
    const before = await npv.textContent();
    // 20 % more than today's amount: within the line's low..high range (so the edit is valid) and
    // enough to move the rounded NPV.
    const amount = Math.round(
      Number((await page.locator('[data-cell="499:2"]').textContent())!.replace(/,/g, "")) * 1.2,
    );
    await page.locator('[data-cell="499:2"]').click();
    const editStarted = Date.now();
    await page.keyboard.type(String(amount));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator('[data-cell="499:2"]').textContent()).toBe(amount.toLocaleString("en-GB"));
    const echoMs = Date.now() - editStarted;
    await expect.poll(() => npv.textContent(), { timeout: 20_000 }).not.toBe(before);
    const recomputeMs = Date.now() - editStarted;
    await screenshot(page, "large-case-edited");
    console.log(
      `1,000-line scenario: lines tab ${loadMs} ms to first rows, ${rendered} rows in the DOM, edit shown ${echoMs} ms, new NPV ${recomputeMs} ms after Enter`,
    );
    await deleteImported(page);
    await page.context().close();
  });
});
