// The demo owner sees the demo case's headline figures as the engine computes them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_USERS } from "@/lib/auth/password";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { formatMoney } from "@/lib/i18n/format";
import { launchBrowser, screenshot } from "../helpers/browser";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("demo case", () => {
  it("shows the demo case's NPV as computed by the engine, in the chosen language", async () => {
    const parsed = parseCaseFile(JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/cases/demo-crm-upgrade.json"), "utf8")));
    if (!parsed.ok) throw new Error("demo case invalid");
    const npv = computeCase(parsed.value).comparisons[0]!.npv;

    const page = await (await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(DEMO_USERS.owner.email);
    await page.getByLabel("Password").fill(DEMO_USERS.owner.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/w$/);
    await page.getByRole("link", { name: /Nordic Retail AB/ }).click();
    await expect.poll(() => page.getByTestId("case-npv").first().textContent()).toBe(formatMoney(npv, "SEK", "en"));
    await screenshot(page, "workspace-home-demo");

    // The board report downloads with the session cookie (viewers and owners alike).
    const href = await page.getByTestId("case-report").first().getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.headers()["content-disposition"]).toMatch(/filename\*=UTF-8''/);

    await page.getByLabel("Language").selectOption("sv");
    await expect.poll(() => page.getByRole("heading", { name: "Affärsfall" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("case-npv").first().textContent()).toBe(formatMoney(npv, "SEK", "sv"));
    await screenshot(page, "workspace-home-demo-sv");
    await page.getByLabel("Språk").selectOption("zh");
    await expect.poll(() => page.getByRole("heading", { name: "商业论证" }).isVisible()).toBe(true);
    await screenshot(page, "workspace-home-demo-zh");
    await page.getByLabel("语言").selectOption("en");
    await page.context().close();
  });
});
