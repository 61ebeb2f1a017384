// Single sign-on against a real OpenID Connect provider (oidc-provider, its defaults: scope
// claims from UserInfo), in Chromium, through the production build: the code flow with PKCE,
// state and nonce; claims from UserInfo; just-in-time membership from the workspace's domains
// and role from the groups claim; linking refused for an existing account; an unverified
// e-mail refused; a wrong issuer, a tampered and an expired ID token and a replayed callback
// refused and said plainly; sign-out ends the server-side session.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { prisma } from "@/lib/db/client";
import { findFreePort } from "../../scripts/lib/embedded-db";
import { launchBrowser } from "../helpers/browser";
import { createUserFixture, createWorkspaceFixture } from "../helpers/db";
import { ensureBuild, startApp, type AppProcess } from "../helpers/app";
import { startOidcProvider, type TestOidc } from "../helpers/oidc-provider";

const SECRET = "sso-oidc-secret-0123456789abcdef0123";
let app: AppProcess;
let oidc: TestOidc;
let browser: Browser;
let ws: { id: string; slug: string };
let owner: { id: string; email: string };

beforeAll(async () => {
  owner = await createUserFixture({ email: `owner-${Date.now()}@corp.example` });
  ws = await createWorkspaceFixture(owner.id);
  await prisma.workspace.update({
    where: { id: ws.id },
    data: {
      ssoPolicy: {
        providers: ["corp"],
        domains: ["corp.example"],
        jit: true,
        defaultRole: "viewer",
        groupRoles: { "caseboard-editors": "editor" },
        requireSso: false,
      },
    },
  });
  const [port, proxyPort] = [await findFreePort(), await findFreePort()];
  const issuer = `http://localhost:${port}`;
  const proxy = `http://localhost:${proxyPort}`;
  const provider = (id: string, url: string) => ({
    id,
    name: `Corp ${id}`,
    issuer: url,
    clientId: id,
    clientSecret: `${id}-secret`,
  });
  const env = {
    NEXTAUTH_SECRET: SECRET,
    OIDC_PROVIDERS: JSON.stringify([
      provider("corp", issuer),
      provider("wrong-issuer", `${proxy}/wrong-issuer`),
      provider("tamper", `${proxy}/tamper`),
      provider("expired", `${proxy}/expired`),
    ]),
  };
  ensureBuild();
  app = await startApp(process.env.DATABASE_URL!, { env });
  oidc = await startOidcProvider({
    port,
    proxyPort,
    appUrl: app.baseURL,
    clientIds: ["corp", "wrong-issuer", "tamper", "expired"],
    accounts: {
      ada: { email: "Ada@corp.example", email_verified: true, name: "Ada Lovelace", groups: ["caseboard-editors"] },
      bob: { email: "bob@corp.example", email_verified: true, name: "Bob" },
      mallory: { email: owner.email, email_verified: true, name: "Mallory" },
      unverified: { email: "una@corp.example", email_verified: false, name: "Una" },
      outsider: { email: "olga@elsewhere.example", email_verified: true, name: "Olga" },
    },
  });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await oidc?.stop();
  await app?.stop();
});

// Clicks the provider's button on our sign-in page, then the provider's development login and
// consent forms; returns where the browser ends up and the callback URL it passed through.
async function signInThrough(page: Page, providerName: string, login: string) {
  let callback: string | null = null;
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/")) callback = r.url();
  });
  await page.goto(`${app.baseURL}/signin`);
  await page.getByRole("button", { name: new RegExp(providerName) }).click();
  await page.waitForURL((u) => u.port !== new URL(app.baseURL).port, { timeout: 20_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.locator('button[type="submit"]').click();
  // Consent (first time for this client and account).
  const consent = page.locator('button[type="submit"]');
  await page.waitForLoadState("load");
  if (new URL(page.url()).port !== new URL(app.baseURL).port && (await consent.count())) await consent.first().click();
  await page.waitForURL((u) => u.port === new URL(app.baseURL).port, { timeout: 40_000 });
  await page.waitForLoadState("networkidle");
  return { url: page.url(), callback: callback as string | null };
}

async function alertText(page: Page): Promise<string> {
  return (await page.getByRole("alert").first().textContent({ timeout: 10_000 })) ?? "";
}

describe("single sign-on with a real OpenID provider", () => {
  it("lists every configured provider on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseURL}/signin`);
    for (const id of ["corp", "wrong-issuer", "tamper", "expired"])
      await expect(page.getByRole("button", { name: `Sign in with Corp ${id}` }).count()).resolves.toBe(1);
    await page.close();
  });

  it("signs in with claims from UserInfo, joins the workspace by domain with the role of the group", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { url } = await signInThrough(page, "Corp corp", "ada");
    expect(new URL(url).pathname).not.toBe("/signin");
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "ada@corp.example" },
      select: { id: true, name: true, accounts: { select: { provider: true, providerAccountId: true } } },
    });
    expect(user.accounts).toEqual([{ provider: "corp", providerAccountId: "ada" }]);
    expect(user.name).toBe("Ada Lovelace");
    const member = await prisma.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: ws.id, userId: user.id } },
    });
    expect(member.role).toBe("editor");
    const actions = (
      await prisma.auditEvent.findMany({
        where: { workspaceId: ws.id, actorUserId: user.id },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["member.join_sso", "user.sign_in"]));
    // The workspace's page opens: the membership is real.
    const res = await page.goto(`${app.baseURL}/w/${ws.slug}`);
    expect(res?.status()).toBe(200);

    // Sign-out ends the server-side session.
    expect(await prisma.authSession.count({ where: { userId: user.id } })).toBe(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await expect.poll(() => prisma.authSession.count({ where: { userId: user.id } })).toBe(0);
    await context.close();
  });

  it("a person outside the workspace's domains signs in but joins nothing", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThrough(page, "Corp corp", "outsider");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "olga@elsewhere.example" } });
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);
    await context.close();
  });

  it("refuses an identity claiming an existing account's e-mail, and an unverified e-mail", async () => {
    for (const [login, message] of [
      ["mallory", "An account with this e-mail already exists"],
      ["unverified", "has not verified this e-mail address"],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const { url } = await signInThrough(page, "Corp corp", login);
      expect(new URL(url).pathname).toBe("/signin");
      expect(await alertText(page)).toContain(message);
      await context.close();
    }
    expect(await prisma.account.count({ where: { providerAccountId: { in: ["mallory", "unverified"] } } })).toBe(0);
  });

  it("refuses a wrong issuer, a tampered ID token and an expired one, and says so", async () => {
    for (const id of ["wrong-issuer", "tamper", "expired"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const { url } = await signInThrough(page, `Corp ${id}`, "bob");
      expect(new URL(url).pathname, id).toBe("/signin");
      expect(await alertText(page), id).toContain("The sign-in with your provider was refused");
      await context.close();
    }
    expect(await prisma.user.count({ where: { email: "bob@corp.example" } })).toBe(0);
  }, 120_000);

  it("refuses a replayed callback (the code and state were used once)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { callback } = await signInThrough(page, "Corp corp", "bob");
    expect(callback).toContain("code=");
    const bob = await prisma.user.findUniqueOrThrow({ where: { email: "bob@corp.example" }, select: { id: true } });
    const sessions = await prisma.authSession.count({ where: { userId: bob.id } });
    // Another browser replays the same callback: no session comes of it.
    const other = await browser.newContext();
    const thief = await other.newPage();
    await thief.goto(callback!);
    await thief.waitForLoadState("networkidle");
    expect(new URL(thief.url()).pathname).toBe("/signin");
    expect(await alertText(thief)).toContain("The sign-in with your provider was refused");
    expect(await prisma.authSession.count({ where: { userId: bob.id } })).toBe(sessions);
    // And the same browser replaying it after use fares no better.
    await page.goto(callback!);
    await page.waitForLoadState("networkidle");
    expect(await prisma.authSession.count({ where: { userId: bob.id } })).toBe(sessions);
    await Promise.all([context.close(), other.close()]);
  });
});
