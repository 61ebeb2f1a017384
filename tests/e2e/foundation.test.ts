// The foundation, as a user meets it: in Debian chromium against `next start` on a seeded
// embedded PostgreSQL (tests/e2e/global-setup.ts).
import { describe, expect, inject, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { DEMO_WORKSPACE_LINK, signInAsDemo, signUp, submitSignIn, setUpBrowser } from "../helpers/e2e";

const baseURL = inject("baseURL");
const e2e = setUpBrowser();

describe("foundation", () => {
  it("signs up, creates a workspace, signs out, and the demo viewer sees Nordic Retail AB", async () => {
    const page = await e2e.newPage();
    await page.goto("/");
    await page.waitForURL(/\/signin/);
    await screenshot(page, "signin");
    await page.getByRole("link", { name: "Create account" }).click();
    await page.waitForURL(/\/signup/);
    const email = `new-${Date.now()}@example.com`;
    await page.getByLabel("Your name").fill("Nina Nyberg");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await screenshot(page, "signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/w$/);
    await expect.poll(() => page.getByRole("heading", { name: "Your workspaces" }).isVisible()).toBe(true);
    await page.getByLabel("Workspace name").fill("Fjord Logistics AS");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/fjord-logistics-as-/);
    await expect.poll(() => page.getByTestId("workspace-name").textContent()).toBe("Fjord Logistics AS");
    await screenshot(page, "workspace-home");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);

    // Signed out means signed out: the workspace list sends us back to sign-in.
    await page.goto("/w");
    await page.waitForURL(/\/signin/);

    await signInAsDemo(page, "viewer", /\/w/);
    await expect.poll(() => page.getByRole("link", { name: DEMO_WORKSPACE_LINK }).isVisible()).toBe(true);
    await screenshot(page, "workspaces-viewer");
    await page.getByRole("link", { name: DEMO_WORKSPACE_LINK }).click();
    await expect.poll(() => page.getByTestId("workspace-name").textContent()).toBe("Nordic Retail AB");
    await page.goto(page.url() + "/members");
    await expect.poll(() => page.getByText("Only owners manage members and invitations.").isVisible()).toBe(true);
    await screenshot(page, "members-viewer");
    await page.context().close();
  });

  it("refuses a wrong password with the generic message", async () => {
    const page = await e2e.newPage();
    await submitSignIn(page, "nobody@example.com", "wrong-password");
    await expect.poll(() => page.locator("p[role=alert]").textContent()).toBe("E-mail or password is incorrect.");
    await page.context().close();
  });

  it("an owner invites a viewer by link; the invited user joins with that role", async () => {
    const owner = await e2e.newPage();
    await signInAsDemo(owner, "owner", /\/w/);
    await owner.getByRole("link", { name: DEMO_WORKSPACE_LINK }).click();
    await owner.getByRole("link", { name: /Members/ }).click();
    await owner.getByRole("button", { name: "Create invitation link" }).click();
    const link = await owner.getByTestId("invite-link").inputValue();
    expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
    await screenshot(owner, "members-owner");

    const guest = await e2e.newPage();
    await signUp(guest, `guest-${Date.now()}@example.com`, "another long passphrase");
    await guest.goto(link);
    await guest.getByRole("button", { name: "Accept invitation" }).click();
    await expect.poll(() => guest.getByTestId("workspace-name").textContent()).toBe("Nordic Retail AB");
    await expect.poll(() => guest.getByText("Your role: Viewer").isVisible()).toBe(true);
    // Single use: the same link now answers "not valid".
    await guest.goto(link);
    await guest.getByRole("button", { name: "Accept invitation" }).click();
    await expect.poll(() => guest.locator("p[role=alert]").textContent()).toMatch(/not valid/);
    await owner.context().close();
    await guest.context().close();
  });

  it("never redirects off-site and keeps protected pages protected", async () => {
    for (const evil of ["//evil.com", "/\\evil.com", "https://evil.com/x", "javascript:alert(1)", "%%%"]) {
      const res = await fetch(`${baseURL}/signin?callbackUrl=${encodeURIComponent(evil)}`, { redirect: "manual" });
      expect(res.status).toBeLessThan(500);
      const location = res.headers.get("location");
      if (location) expect(new URL(location, baseURL).origin).toBe(new URL(baseURL).origin);
    }
    const res = await fetch(`${baseURL}/api/auth/signin?callbackUrl=${encodeURIComponent("https://evil.com")}`, {
      redirect: "manual",
    });
    expect(res.status).toBeLessThan(500);
    for (const path of ["/w", "/w/nordic-retail", "/w/nordic-retail?_rsc=abc", "/w/nordic-retail/members"]) {
      const r = await fetch(`${baseURL}${path}`, {
        redirect: "manual",
        headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware", RSC: "1" },
      });
      expect([302, 303, 307, 308]).toContain(r.status);
      expect(r.headers.get("location") ?? "").toMatch(/\/signin/);
    }
  });
});
