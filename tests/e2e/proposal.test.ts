// The case's stated proposal in the browser (docs/proposal.md): adding a scenario leaves the
// overview's headline where it was, picking the other proposal moves it (and a figure that does
// not apply says why), viewers read the proposal without a control; the lines' import dialog opens
// in the middle of the viewport and Escape, Cancel and the backdrop close it with nothing imported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expectNoSeriousAxe, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();
const baseURL = inject("baseURL");
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });

describe("the stated proposal", () => {
  it("stays when a scenario is added, moves when another is picked; the import dialog is centred and cancels", async () => {
    const page = await e2e.demoPage("owner", { width: 1280, height: 900 });
    const file = JSON.parse(
      readFileSync(path.join(process.cwd(), "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8"),
    );
    const created = await page.request.post("/api/v1/workspaces/nordic-retail/cases/import", {
      data: { ...file, name: `Proposal ${Date.now().toString(36)}` },
      headers: { Origin: baseURL },
    });
    expect(created.status(), await created.text()).toBe(201);
    const caseId = ((await created.json()) as { data: { id: string } }).data.id;
    const caseUrl = `/w/nordic-retail/cases/${caseId}`;
    const lineCount = async () => {
      const r = await page.request.get(`/api/v1/cases/${caseId}`);
      return ((await r.json()) as { data: { lines: unknown[] } }).data.lines.length;
    };
    try {
      await page.goto(caseUrl, { waitUntil: "networkidle" });
      const pair = page.getByTestId("proposal-pair");
      const npv = page.getByTestId("overview-npv");
      await poll(() => pair.textContent()).toBe("Proposal: Upgrade to the cloud CRM against Keep the current CRM");
      await poll(() => npv.textContent()).toMatch(/SEK/);
      const npvBefore = await npv.textContent();
      // One alternative: nothing to pick.
      expect(await page.getByTestId("proposal-select").count()).toBe(0);

      // A second alternative, added in the Scenarios tab.
      await page.goto(`${caseUrl}/scenarios`, { waitUntil: "networkidle" });
      await page.getByLabel("Scenario name").fill("Do nothing more");
      await page.getByRole("button", { name: "Add scenario" }).click();
      await poll(() => page.getByTestId("scenario-name").allTextContents()).toContain("Do nothing more");

      // The overview's headline stays: the proposal was stated in the same change.
      await page.goto(caseUrl, { waitUntil: "networkidle" });
      await poll(() => pair.textContent()).toBe("Proposal: Upgrade to the cloud CRM against Keep the current CRM");
      await poll(() => npv.textContent()).toBe(npvBefore);
      const exported = await page.request.get(`/api/v1/cases/${caseId}/export`);
      expect(((await exported.json()) as { chosenScenario?: string }).chosenScenario).toBe("upgrade");

      // A viewer has the overview open: the proposal reads as text, with no control, and follows
      // the owner's change live (no reload).
      const viewer = await e2e.demoPage("viewer", { width: 1280, height: 900 });
      try {
        await viewer.goto(caseUrl, { waitUntil: "networkidle" });
        const viewerPair = viewer.getByTestId("proposal-pair");
        await poll(() => viewerPair.textContent()).toBe(
          "Proposal: Upgrade to the cloud CRM against Keep the current CRM",
        );
        expect(await viewer.getByTestId("proposal-select").count()).toBe(0);

        // Picking the other alternative moves the headline; its ROI does not apply and says why.
        const select = page.getByTestId("proposal-select");
        await poll(() => select.isVisible()).toBe(true);
        await expectNoSeriousAxe(page, "overview with the proposal");
        await select.selectOption({ label: "Do nothing more" });
        await page.getByTestId("proposal-set").click();
        await poll(() => pair.textContent()).toBe("Proposal: Do nothing more against Keep the current CRM");
        await poll(() => npv.textContent()).not.toBe(npvBefore);
        const roi = page.getByTestId("overview-roi");
        await poll(() => roi.textContent()).toContain("costs less than the baseline");
        expect(await roi.textContent()).not.toMatch(/\u2013/);

        await poll(() => viewerPair.textContent()).toBe("Proposal: Do nothing more against Keep the current CRM");
        await poll(() => viewer.getByTestId("overview-npv").textContent()).toBe(await npv.textContent());
      } finally {
        await viewer.context().close();
      }

      // The import dialog: centred, and closed by Escape, Cancel and the backdrop, nothing imported.
      const before = await lineCount();
      await page.goto(`${caseUrl}/lines`, { waitUntil: "networkidle" });
      const opener = page.getByTestId("import-lines").first();
      const dialog = page.getByTestId("import-dialog").first();
      const viewport = page.viewportSize()!;
      const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);

      await opener.click();
      await poll(() => dialog.isVisible()).toBe(true);
      await expectNoSeriousAxe(page, "import dialog");
      const box = (await dialog.boundingBox())!;
      expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThanOrEqual(3);
      expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThanOrEqual(3);
      await page.keyboard.press("Escape");
      await poll(() => dialog.isVisible()).toBe(false);
      await poll(focusedTestId).toBe("import-lines");

      await opener.click();
      await poll(() => dialog.isVisible()).toBe(true);
      await page.getByTestId("import-cancel").first().click();
      await poll(() => dialog.isVisible()).toBe(false);
      await poll(focusedTestId).toBe("import-lines");

      await opener.click();
      await poll(() => dialog.isVisible()).toBe(true);
      await page.mouse.click(4, 4); // the backdrop
      await poll(() => dialog.isVisible()).toBe(false);
      expect(await lineCount()).toBe(before);
    } finally {
      const current = await page.request.get(`/api/v1/cases/${caseId}`);
      await page.request.delete(`/api/v1/cases/${caseId}`, {
        headers: { Origin: baseURL, "If-Match": current.headers().etag ?? "" },
      });
      await page.context().close();
    }
  });
});
