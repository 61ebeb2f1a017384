// What every browser test does the same way: one chromium per file, pages on the app's base URL,
// signing in and up, finding the demo case, and the axe check (no serious or critical violation).
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page, ViewportSize } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { DEMO_USERS } from "@/lib/auth/password";
import { launchBrowser } from "./browser";

export type DemoUser = keyof typeof DEMO_USERS;

// The demo workspace and its demo case, as their links read.
export const DEMO_WORKSPACE_LINK = /Nordic Retail AB/;
export const DEMO_CASE_LINK = /^CRM upgrade 2027/;

/**
 * Launches chromium before the file's tests and closes it after them (call at the top level of
 * a test file). `newPage` and `demoPage` open a page in a fresh context on the app's base URL
 * (close it with `page.context().close()`).
 */
export function setUpBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const current = (): Browser => {
    if (!browser) throw new Error("setUpBrowser(): the browser is not running (only inside tests and hooks)");
    return browser;
  };
  const newPage = async (viewport: ViewportSize = { width: 1280, height: 800 }): Promise<Page> =>
    (await current().newContext({ baseURL: inject("baseURL"), viewport })).newPage();
  // A page in a fresh context, signed in as a demo user.
  const demoPage = async (who: DemoUser = "owner", viewport?: ViewportSize): Promise<Page> => {
    const page = await newPage(viewport);
    await signInAsDemo(page, who);
    return page;
  };
  return { newPage, demoPage };
}

/** Fills in and sends the sign-in form, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and waits for the page signed-in users land on (the workspace list). */
export async function signIn(page: Page, email: string, password: string, landing: RegExp = /\/w$/) {
  await submitSignIn(page, email, password);
  await page.waitForURL(landing);
}

export async function signInAsDemo(page: Page, who: DemoUser = "owner", landing?: RegExp) {
  await signIn(page, DEMO_USERS[who].email, DEMO_USERS[who].password, landing);
}

/** Creates an account with only an e-mail and a password, and waits for the workspace list. */
export async function signUp(page: Page, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/w$/);
}

/** The demo case's id, read from its link in the demo workspace's case list. */
export async function demoCaseId(page: Page): Promise<string> {
  await page.goto("/w/nordic-retail");
  const href = await page.getByRole("link", { name: DEMO_CASE_LINK }).first().getAttribute("href");
  return /cases\/([^/?#]+)/.exec(href!)![1]!;
}

/** Opens the demo case from the demo workspace's case list; returns its path. */
export async function demoCaseUrl(page: Page): Promise<string> {
  await page.goto("/w/nordic-retail");
  await page.getByRole("link", { name: DEMO_CASE_LINK }).first().click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

/** Runs axe on the page as it is and expects no serious or critical violation. */
export async function expectNoSeriousAxe(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.flatMap((v) =>
      v.nodes.map(
        (n) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${n.target.join(" ")} ${n.html} ${n.failureSummary ?? ""}`,
      ),
    ),
  ).toEqual([]);
}
