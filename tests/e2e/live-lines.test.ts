// Others' changes arrive in place (docs/architecture.md#live-events): the owner has the lines tab open; someone else (an
// API token, so the change is not the owner's own) edits a line's amount, its risk, moves and
// removes lines. The owner's headline NPV and the grid's cells, order and rows follow, from the
// live case model, and the page makes no RSC request (no router.refresh(), no server render)
// meanwhile, also for lines someone else adds or duplicates (their row ids are read through the
// API). What the owner is typing in a cell stays while a change to that very line arrives; saving
// it afterwards is based on the version shown, so it is not refused as stale. The overview's
// headline, NPV sentence and health checks follow the same way.
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { setUpBrowser } from "../helpers/e2e";

const baseURL = inject("baseURL");
const e2e = setUpBrowser();

const FILE = {
  format: "caseboard/v1",
  name: "Live lines in place",
  currency: "SEK",
  startMonth: "2027-01",
  horizonMonths: 36,
  discountRate: "0.10",
  scenarios: [
    {
      key: "plan",
      name: "Plan",
      costs: [
        {
          name: "Licence alpha",
          category: "software",
          amount: "10000",
          recurring: "monthly",
          startMonth: 1,
          endMonth: 36,
        },
        { name: "Setup bravo", category: "implementation-labour", amount: "200000", month: 0 },
        { name: "Training charlie", category: "training", amount: "50000", month: 3 },
        { name: "Travel delta", category: "other", amount: "8000", month: 2 },
      ],
      benefits: [
        {
          name: "Time saved",
          category: "productivity",
          amount: "40000",
          recurring: "monthly",
          startMonth: 1,
          endMonth: 36,
        },
      ],
    },
  ],
};

let owner: Page;
let caseId: string;
let secret: string;
let tokenId: string;

interface CaseLine {
  id: string;
  name: string;
  kind: string;
}

beforeAll(async () => {
  owner = await e2e.demoPage("owner", { width: 1400, height: 900 });
  const token = await owner.request.post("/api/v1/workspaces/nordic-retail/tokens", {
    data: { name: "live-lines e2e", role: "editor" },
    headers: { Origin: baseURL },
  });
  expect(token.status(), await token.text()).toBe(201);
  ({
    secret,
    token: { id: tokenId },
  } = ((await token.json()) as { data: { secret: string; token: { id: string } } }).data);
  const imported = await owner.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
    data: FILE,
    headers: { Origin: baseURL },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  caseId = ((await imported.json()) as { data: { id: string } }).data.id;
});

afterAll(async () => {
  if (!owner) return;
  if (caseId) {
    const current = await owner.request.get(`/api/v1/cases/${caseId}`);
    await owner.request.delete(`/api/v1/cases/${caseId}`, {
      headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
    });
  }
  if (tokenId) await owner.request.delete(`/api/v1/tokens/${tokenId}`, { headers: { Origin: baseURL } });
  await owner.context().close();
});

// Someone else, through the API with a token: each write names the version it read.
const api = async (path: string, init: { method?: string; body?: unknown; version?: boolean } = {}) => {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
  if (init.version) {
    const read = await fetch(`${baseURL}/api/v1/cases/${caseId}`, { headers });
    headers["if-match"] = read.headers.get("etag")!;
  }
  const res = await fetch(`${baseURL}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  expect(res.status, `${init.method ?? "GET"} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res;
};
const caseLines = async () =>
  ((await (await api(`/cases/${caseId}`)).json()) as { data: { lines: CaseLine[]; version: number } }).data;
const lineId = async (name: string) => (await caseLines()).lines.find((l) => l.name === name)!.id;

// The page's own re-renders: an RSC fetch (the `RSC: 1` header or an `_rsc=` query) that is
// neither a prefetch of a link nor a server action.
function watchRsc(page: Page) {
  const seen: string[] = [];
  const listener = (r: Request) => {
    const h = r.headers();
    const rsc = h["rsc"] === "1" || new URL(r.url()).searchParams.has("_rsc");
    if (rsc && !h["next-router-prefetch"] && !h["next-router-segment-prefetch"] && !h["next-action"])
      seen.push(r.url());
  };
  page.on("request", listener);
  return seen;
}

const rowOf = (name: string) => owner.getByRole("row").filter({ hasText: name });
const cell = (name: string, col: number) => rowOf(name).getByRole("gridcell").nth(col);
const names = () =>
  owner
    .getByTestId("line-row")
    .locator('[data-cell$=":0"]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("aria-label")));
// Longer than the refresh's quiet time and its longest wait (components/live/live-case.tsx), so a
// refresh that was going to happen has happened.
const settle = () => owner.waitForTimeout(1_500);

describe("others' line changes arrive in place", () => {
  it("amount, risk, order, removal and added lines follow without a page render", async () => {
    await owner.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await owner.waitForFunction(() => !!(window as unknown as { caseboardLive?: unknown }).caseboardLive);
    await expect.poll(() => owner.getByTestId("presence").getAttribute("data-live")).toBe("live");
    const npv = owner.getByTestId("overview-npv");
    const start = { npv: (await npv.textContent())!, version: Number(await npv.getAttribute("data-version")) };
    const totalBefore = await cell("Licence alpha", 6).textContent();
    const rsc = watchRsc(owner);

    // An amount.
    await api(`/lines/${await lineId("Licence alpha")}`, { method: "PATCH", body: { amount: "12500" }, version: true });
    await expect.poll(() => cell("Licence alpha", 2).textContent(), { timeout: 5_000, interval: 50 }).toBe("12,500");
    // The changed cell flashes once; its neighbours do not.
    expect(await cell("Licence alpha", 2).evaluate((el) => el.getAnimations().length)).toBe(1);
    expect(await cell("Licence alpha", 0).evaluate((el) => el.getAnimations().length)).toBe(0);
    await expect.poll(() => npv.getAttribute("data-version")).toBe(String(start.version + 1));
    expect(await npv.textContent()).not.toBe(start.npv);
    expect(await cell("Licence alpha", 6).textContent()).not.toBe(totalBefore);
    // The very figures the server computes for that version.
    const server = (await (await api(`/cases/${caseId}/compute`)).json()) as { version: number; data: unknown };
    expect(server.version).toBe(start.version + 1);
    const held = await owner.evaluate(() =>
      JSON.stringify(
        (window as unknown as { caseboardLive: { getSnapshot: () => { output: unknown } } }).caseboardLive.getSnapshot()
          .output,
      ),
    );
    expect(JSON.parse(held)).toEqual(server.data);

    // Risk, name and category of another line.
    await api(`/lines/${await lineId("Setup bravo")}`, {
      method: "PATCH",
      body: { riskAdjustment: "0.25", name: "Setup bravo (renamed)", category: "integration" },
      version: true,
    });
    await expect.poll(() => cell("Setup bravo (renamed)", 4).textContent(), { timeout: 5_000 }).toBe("25%");
    expect(await cell("Setup bravo (renamed)", 1).textContent()).toBe("Integration and customisation");

    // Moved: the last cost line first.
    const costs = (await caseLines()).lines.filter((l) => l.kind === "cost");
    await api(`/cases/${caseId}/lines/order`, {
      method: "PUT",
      body: { ids: [costs[3]!.id, costs[0]!.id, costs[1]!.id, costs[2]!.id] },
      version: true,
    });
    await expect
      .poll(names, { timeout: 5_000 })
      .toEqual(["Travel delta", "Licence alpha", "Setup bravo (renamed)", "Training charlie"]);

    // Removed.
    await api(`/lines/${await lineId("Training charlie")}`, { method: "DELETE", version: true });
    await expect.poll(names, { timeout: 5_000 }).toEqual(["Travel delta", "Licence alpha", "Setup bravo (renamed)"]);
    await expect.poll(() => npv.getAttribute("data-version")).toBe(String(start.version + 4));

    await settle();
    expect(rsc).toEqual([]);
    expect(await owner.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);

    // Added and duplicated: their row ids (which the owner's writes will name) are read through
    // the API, not by rendering the page; the new rows take edits like any other.
    await api(`/cases/${caseId}/lines`, {
      method: "POST",
      body: {
        scenarioId: await scenarioId(),
        kind: "cost",
        name: "Hosting echo",
        category: "hardware",
        amount: "3000",
        month: 1,
      },
      version: true,
    });
    await expect
      .poll(names, { timeout: 5_000 })
      .toEqual(["Travel delta", "Licence alpha", "Setup bravo (renamed)", "Hosting echo"]);
    await expect.poll(() => cell("Hosting echo", 6).textContent()).toMatch(/SEK/);
    await api(`/lines/${await lineId("Travel delta")}/duplicate`, { method: "POST", version: true });
    await expect
      .poll(names, { timeout: 5_000 })
      .toEqual(["Travel delta", "Travel delta", "Licence alpha", "Setup bravo (renamed)", "Hosting echo"]);
    await cell("Hosting echo", 2).click();
    await owner.keyboard.type("3500");
    await owner.keyboard.press("Enter");
    await expect.poll(() => npv.getAttribute("data-version"), { timeout: 5_000 }).toBe(String(start.version + 7));
    expect((await caseLines()).lines.find((l) => l.name === "Hosting echo")).toMatchObject({ amount: "3500" });
    await settle();
    expect(rsc).toEqual([]);
  });

  it("keeps what the owner is typing while someone else changes that line, and saves it on the version shown", async () => {
    await owner.goto(`/w/nordic-retail/cases/${caseId}/lines`);
    await owner.waitForFunction(() => !!(window as unknown as { caseboardLive?: unknown }).caseboardLive);
    await expect.poll(() => owner.getByTestId("presence").getAttribute("data-live")).toBe("live");
    const rsc = watchRsc(owner);
    const npv = owner.getByTestId("overview-npv");
    const version = Number(await npv.getAttribute("data-version"));

    // The owner starts typing an amount (no Enter yet).
    await cell("Licence alpha", 2).click();
    await owner.keyboard.type("777");
    const editor = owner.getByRole("textbox", { name: /^Amount.*: Licence alpha/ });
    await expect.poll(() => editor.inputValue()).toBe("777");

    // Someone else changes the same line's amount, and another line's.
    await api(`/lines/${await lineId("Licence alpha")}`, {
      method: "PATCH",
      body: { amount: "11000", riskAdjustment: "0.1" },
      version: true,
    });
    await api(`/lines/${await lineId("Setup bravo (renamed)")}`, {
      method: "PATCH",
      body: { amount: "9000" },
      version: true,
    });
    await expect.poll(() => cell("Setup bravo (renamed)", 2).textContent(), { timeout: 5_000 }).toBe("9,000");
    await expect.poll(() => npv.getAttribute("data-version")).toBe(String(version + 2));
    await expect.poll(() => cell("Licence alpha", 4).textContent()).toBe("10%");
    // Every character typed is still there, and the editor still has the focus.
    expect(await editor.inputValue()).toBe("777");
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await owner.keyboard.type("7");
    expect(await editor.inputValue()).toBe("7777");

    // Saved: based on the version the grid shows (someone else's), so it is not refused.
    await owner.keyboard.press("Enter");
    await expect.poll(() => npv.getAttribute("data-version"), { timeout: 5_000 }).toBe(String(version + 3));
    await expect.poll(() => npv.getAttribute("data-state")).toBe("confirmed");
    expect(await cell("Licence alpha", 2).textContent()).toBe("7,777");
    // Neither a conflict nor any other error in the grid.
    expect(await owner.locator("section[aria-labelledby=lines-heading] [role=alert]").count()).toBe(0);
    const line = (await caseLines()).lines.find((l) => l.name === "Licence alpha") as unknown as {
      amount: string;
      riskAdjustment: string;
    };
    expect(line.amount).toBe("7777");
    expect(line.riskAdjustment).toBe("0.1");
    await settle();
    expect(rsc).toEqual([]);
  });
});

describe("others' changes on the overview", () => {
  it("the headline, the NPV sentence and the health checks follow a line edit without a page render", async () => {
    await owner.goto(`/w/nordic-retail/cases/${caseId}`);
    await expect.poll(() => owner.getByTestId("presence").getAttribute("data-live")).toBe("live");
    const npv = owner.getByTestId("overview-npv");
    const explain = owner.getByTestId("overview-explain");
    const checks = owner.getByTestId("overview-checks");
    const version = Number(await npv.getAttribute("data-version"));
    const before = {
      npv: await npv.textContent(),
      explain: await explain.textContent(),
      checks: await checks.textContent(),
    };
    const rsc = watchRsc(owner);

    // A benefit five times as large: the NPV, its sentence and the benefit-cost ratio check move.
    await api(`/lines/${await lineId("Time saved")}`, { method: "PATCH", body: { amount: "200000" }, version: true });
    await expect.poll(() => npv.getAttribute("data-version"), { timeout: 5_000 }).toBe(String(version + 1));
    await expect.poll(() => explain.getAttribute("data-version")).toBe(String(version + 1));
    expect(await npv.textContent()).not.toBe(before.npv);
    expect(await explain.textContent()).not.toBe(before.explain);
    expect(await checks.textContent()).not.toBe(before.checks);
    // The sentence as the server renders it for that version (a fresh page).
    const shown = await explain.textContent();
    await settle();
    expect(rsc).toEqual([]);
    await owner.reload();
    await expect.poll(() => owner.getByTestId("overview-explain").textContent()).toBe(shown);
  });
});

async function scenarioId(): Promise<string> {
  const res = await api(`/cases/${caseId}`);
  return ((await res.json()) as { data: { scenarios: { id: string }[] } }).data.scenarios[0]!.id;
}
