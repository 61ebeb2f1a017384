// The demo owner sees the demo case's headline figures as the engine computes them.
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { formatMoney } from "@/lib/i18n/format";
import { screenshot } from "../helpers/browser";
import { DEMO_CASE_LINK, DEMO_WORKSPACE_LINK, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();

describe("demo case", () => {
  it("shows the demo case's NPV as computed by the engine, in the chosen language", async () => {
    const page = await e2e.demoPage("owner");
    await page.getByRole("link", { name: DEMO_WORKSPACE_LINK }).click();
    // The demo case as stored now (other suites may have edited it through the API), computed by
    // the engine here, must be what the page shows.
    const href = await page.getByTestId("case-report").first().getAttribute("href");
    const caseId = /cases\/([^/]+)\/report\.pdf/.exec(href!)![1]!;
    const exported = await page.request.get(`/api/v1/cases/${caseId}/export`);
    expect(exported.status()).toBe(200);
    const body = (await exported.json()) as { data?: unknown };
    const parsed = parseCaseFile(body.data ?? body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.value.name).toMatch(/CRM upgrade 2027/);
    const npv = computeCase(parsed.value).comparisons[0]!.npv;
    await expect.poll(() => page.getByTestId("case-npv").first().textContent()).toBe(formatMoney(npv, "SEK", "en"));
    await screenshot(page, "workspace-home-demo");

    // The board report downloads with the session cookie (viewers and owners alike).
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.headers()["content-disposition"]).toMatch(/filename\*=UTF-8''/);

    // The case page: the same NPV in its summary bar, charts and checks.
    await page.getByRole("link", { name: DEMO_CASE_LINK }).click();
    await expect.poll(() => page.getByTestId("overview-npv").textContent()).toBe(formatMoney(npv, "SEK", "en"));
    await expect.poll(() => page.locator(".recharts-surface").count()).toBeGreaterThan(1);
    await screenshot(page, "case-overview");
    await page.goBack();

    await page.getByLabel("Language").selectOption("sv");
    await expect.poll(() => page.getByRole("heading", { name: "Affärsfall", exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("case-npv").first().textContent()).toBe(formatMoney(npv, "SEK", "sv"));
    await screenshot(page, "workspace-home-demo-sv");
    await page.getByLabel("Språk").selectOption("zh");
    await expect.poll(() => page.getByRole("heading", { name: "商业论证", exact: true }).isVisible()).toBe(true);
    await screenshot(page, "workspace-home-demo-zh");
    await page.getByLabel("语言").selectOption("en");
    await page.context().close();
  });
});
