// Versions in the browser, on a fresh case from the CRM-upgrade template in the demo workspace: an
// editor asks for approval naming the owner, the owner approves (a snapshot is frozen, the header
// says so), the editor changes two things, the Versions tab shows exactly those with the NPV
// delta and "2 changes since", the approved report downloads with the approved version on it, the
// snapshot opens read-only, and no method changes or deletes a snapshot. Axe on every page.
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot as save } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser, signUp } from "../helpers/e2e";

const e2e = setUpBrowser();
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
const PASSWORD = "a long enough passphrase";

async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  return save(page, name);
}

async function open(page: Page, url: string) {
  await page.goto(url, { waitUntil: "networkidle" });
}

// A same-origin API call with the page's session (the browser sends Origin itself).
async function api(page: Page, method: string, path: string, body?: unknown, ifMatch?: number) {
  return page.evaluate(
    async ({ method, path, body, ifMatch }) => {
      const r = await fetch(path, {
        method,
        headers: { "content-type": "application/json", ...(ifMatch ? { "if-match": `"${ifMatch}"` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: r.status, json: json as { data: any; version?: number } | null }; // eslint-disable-line @typescript-eslint/no-explicit-any
    },
    { method, path, body, ifMatch },
  );
}

describe("versions and approval", () => {
  it("request, approve, edit, read the difference, download the approved report, open the snapshot read-only", async () => {
    const owner = await e2e.demoPage("owner", { width: 1280, height: 900 });
    await owner.goto("/w/nordic-retail");
    const caseName = `Versions check ${Date.now()}`;
    await owner.getByLabel("Case name").fill(caseName);
    await owner.getByLabel("Start from").selectOption("crm-upgrade");
    await owner.getByRole("button", { name: "Create case" }).click();
    await owner.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = new URL(owner.url()).pathname;
    const caseId = caseUrl.split("/").pop()!;

    // An editor joins by invitation.
    await open(owner, "/w/nordic-retail/members");
    await owner.getByLabel("Role for the invited person").selectOption("editor");
    await owner.getByRole("button", { name: "Create invitation link" }).click();
    await poll(() => owner.getByTestId("invite-link").inputValue()).toMatch(/\/invite\//);
    const link = await owner.getByTestId("invite-link").inputValue();
    const editor = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(editor, `editor-${Date.now()}@example.com`, PASSWORD);
    await editor.goto(link);
    await editor.getByRole("button", { name: "Accept invitation" }).click();
    await editor.waitForURL(/\/w\/nordic-retail/);

    try {
      // The editor asks for approval, naming the owner.
      await open(editor, `${caseUrl}/versions`);
      await editor.getByLabel("Astrid Lindqvist").check();
      await editor.getByLabel("Note to the approvers").fill("Ready for the board on Tuesday");
      await editor.getByTestId("request-approval").click();
      await poll(() => editor.getByTestId("approval-pending").textContent()).toMatch(/asked for approval of version/);
      await poll(() => editor.getByTestId("approval-line").textContent()).toMatch(/Approval requested by/);
      await expectNoSeriousAxe(editor, "versions (editor, pending)");
      await screenshot(editor, "versions-requested");

      // The owner approves with a comment: approved, a snapshot frozen, the header says so.
      await open(owner, `${caseUrl}/versions`);
      await poll(() => owner.getByTestId("approval-pending").isVisible()).toBe(true);
      await owner.getByLabel("Comment").fill("Approved for the 2027 budget");
      await owner.getByTestId("approve").click();
      await poll(() => owner.getByTestId("case-status").textContent()).toBe("Approved");
      await poll(() => owner.getByTestId("approval-line").textContent()).toMatch(
        /^Approved version \d+ on .+ by Astrid Lindqvist; no changes since/,
      );
      const approvedVersion = Number(
        /Approved version (\d+)/.exec((await owner.getByTestId("approval-line").textContent())!)![1],
      );
      await poll(() => owner.getByTestId("snapshot-row").count()).toBe(1);
      expect(await owner.getByTestId("snapshot-row").first().textContent()).toContain(
        `Approved version ${approvedVersion}`,
      );

      // The editor changes two things: a line's amount and a scenario's name.
      const detail = (await api(editor, "GET", `/api/v1/cases/${caseId}`)).json!.data;
      const upgrade = detail.scenarios.find((s: { isBaseline: boolean }) => !s.isBaseline);
      const line = detail.lines.find(
        (l: { scenarioId: string; kind: string; amount: string | null }) =>
          l.scenarioId === upgrade.id && l.kind === "cost" && l.amount !== null,
      );
      let v: number = detail.version;
      const patched = await api(
        editor,
        "PATCH",
        `/api/v1/lines/${line.id}`,
        { amount: String(Number(line.amount) + 5000) },
        v,
      );
      expect(patched.status).toBe(200);
      v = patched.json!.version!;
      expect(
        (await api(editor, "PATCH", `/api/v1/scenarios/${upgrade.id}`, { name: "Upgrade, phase one" }, v)).status,
      ).toBe(200);

      // The Versions tab: exactly those two, the NPV delta, and the header's "2 changes since".
      await open(editor, `${caseUrl}/versions`);
      await poll(() => editor.getByTestId("approval-line").textContent()).toMatch(/2 changes since/);
      await poll(() => editor.getByTestId("diff-count").textContent()).toBe("2 changes");
      const items = await editor.getByTestId("diff-item").allTextContents();
      expect(items).toHaveLength(2);
      expect(items.join("\n")).toContain("Upgrade, phase one");
      expect(items.join("\n")).toContain(line.name);
      expect(items.join("\n")).toMatch(/amount/);
      const npvRow = await editor.getByTestId("diff-figure-npv").textContent();
      expect(npvRow).toMatch(/-\s?SEK|−\s?SEK|SEK\s?-|-[\d]/); // a cost went up: NPV falls
      await expectNoSeriousAxe(editor, "versions (diff)");
      await screenshot(editor, "versions-diff");

      // The header's link leads to the same difference.
      await open(owner, caseUrl);
      await owner.getByTestId("changes-since").click();
      await owner.waitForURL(/\/versions\?from=[0-9a-f-]{36}&to=current$/);
      await poll(() => owner.getByTestId("diff-count").textContent()).toBe("2 changes");

      // The approved report downloads with the approved version and its approver on it.
      const href = await owner.getByTestId("snapshot-pdf").first().getAttribute("href");
      const response = await owner.request.get(href!);
      expect(response.status()).toBe(200);
      const pdf = await response.body();
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" }).replace(/\s+/g, " ");
      expect(text).toContain(`Approved version ${approvedVersion}`);
      expect(text).toContain("by Astrid Lindqvist");
      expect(text).not.toContain("Upgrade, phase one");

      // The snapshot opens read-only, with that version's figures and without the live ones.
      await owner
        .getByRole("link", { name: `Approved version ${approvedVersion}` })
        .first()
        .click();
      await owner.waitForURL(/\/versions\/[0-9a-f-]{36}$/);
      await poll(() => owner.getByTestId("snapshot-banner").textContent()).toContain(`version ${approvedVersion}`);
      expect(await owner.getByTestId("overview-npv").count()).toBe(0);
      expect(await owner.getByTestId("snapshot-lines").locator("tbody tr").count()).toBeGreaterThan(3);
      expect(await owner.getByTestId("snapshot-lines").textContent()).not.toContain("Upgrade, phase one");
      await expectNoSeriousAxe(owner, "snapshot (read-only)");
      await screenshot(owner, "versions-snapshot");

      // Snapshots are never changed or deleted: no method but GET and the documented POSTs.
      const snapshotId = new URL(owner.url()).pathname.split("/").pop()!;
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        for (const path of [
          `/api/v1/snapshots/${snapshotId}`,
          `/api/v1/cases/${caseId}/snapshots`,
          `/api/v1/snapshots/${snapshotId}/report.pdf`,
        ]) {
          const r = await api(owner, method, path, method === "DELETE" ? undefined : { name: "Tampered" }, 99);
          expect([404, 405], `${method} ${path}`).toContain(r.status);
        }
      }
      const still = await api(owner, "GET", `/api/v1/snapshots/${snapshotId}`);
      expect(still.json!.data.name).toBe(`Approved version ${approvedVersion}`);
    } finally {
      const current = await api(owner, "GET", `/api/v1/cases/${caseId}`);
      if (current.status === 200)
        await api(owner, "DELETE", `/api/v1/cases/${caseId}`, undefined, current.json!.version);
      await editor.context().close();
      await owner.context().close();
    }
  });
});
