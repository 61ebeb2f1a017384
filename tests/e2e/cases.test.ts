// A new team's first case in the browser: create from the CRM-upgrade template, add a cost and a
// benefit and watch NPV move, read it in Swedish, and a viewer who cannot edit.
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { signUp, setUpBrowser } from "../helpers/e2e";

const e2e = setUpBrowser();
const PASSWORD = "a long enough passphrase";

describe("cases in the browser", () => {
  it("creates a case from the template, adds lines and sees NPV change; a viewer cannot edit", async () => {
    const owner = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(owner, `lead-${Date.now()}@example.com`, PASSWORD);
    await owner.getByLabel("Workspace name").fill("Fjellvang Handel AS");
    await owner.getByRole("button", { name: "Create workspace" }).click();
    await owner.waitForURL(/\/w\/fjellvang-handel-as-/);
    const workspaceUrl = owner.url();

    await owner.getByLabel("Case name").fill("CRM upgrade 2028");
    await owner.getByLabel("Start from").selectOption("crm-upgrade");
    await owner.getByRole("button", { name: "Create case" }).click();
    await owner.waitForURL(/\/cases\//);
    const npv = owner.getByTestId("overview-npv");
    await expect.poll(() => npv.textContent()).toMatch(/SEK/);
    const before = await npv.textContent();
    await screenshot(owner, "case-from-template");

    // A cost on the upgrade scenario lowers NPV; a benefit raises it. Lines live on their tab;
    // the headline figures above it recompute without a page reload.
    await owner.getByRole("link", { name: "Costs and benefits" }).click();
    await owner.waitForURL(/\/lines$/);
    await owner.getByRole("button", { name: "Add cost line" }).click();
    const panel = owner.getByTestId("line-panel");
    await panel.getByLabel("Name", { exact: true }).fill("Extra consultant days");
    await panel.getByLabel(/^Amount each time/).fill("250 000");
    await panel.getByLabel("Timing").selectOption("once");
    await panel.getByLabel("Month", { exact: true }).fill("2");
    await expect
      .poll(() => panel.getByTestId("line-shape-summary").textContent())
      .toMatch(/SEK\s250,000 in total, months 2 to 2/);
    await panel.getByRole("button", { name: "Add line" }).click();
    await expect.poll(() => npv.textContent()).not.toBe(before);
    const afterCost = await npv.textContent();
    await expect
      .poll(() => owner.getByRole("gridcell", { name: "Extra consultant days", exact: true }).count())
      .toBe(1);

    await owner.getByRole("radio", { name: /^Benefits/ }).click();
    await owner.getByRole("button", { name: "Add benefit line" }).click();
    await panel.getByLabel("Name", { exact: true }).fill("Faster quoting");
    await panel.getByLabel(/^Amount each time/).fill("40000");
    await panel.getByLabel("Timing").selectOption("monthly");
    await panel.getByRole("button", { name: "Add line" }).click();
    await expect.poll(() => npv.textContent()).not.toBe(afterCost);
    const afterBenefit = await npv.textContent();

    // Keyboard editing in the grid: type over the amount, Enter saves, NPV moves again.
    const row = owner.getByRole("row").filter({ hasText: "Faster quoting" });
    await row.getByRole("gridcell").nth(2).click();
    await owner.keyboard.type("45000");
    await owner.keyboard.press("Enter");
    await expect.poll(() => row.getByRole("gridcell").nth(2).textContent()).toBe("45,000");
    await expect.poll(() => npv.textContent()).not.toBe(afterBenefit);
    // The bar says what that edit did: 5,000 a month more benefit raises NPV.
    await expect
      .poll(() => owner.getByTestId("npv-change").textContent())
      .toMatch(/^NPV \+SEK\s[\d,]+ with your last change$/);
    // Risk adjustment is typed as a percentage in its own column; a benefit reduced by 10 % lowers NPV.
    const beforeRisk = await npv.textContent();
    await row.getByRole("gridcell").nth(4).click();
    await owner.keyboard.type("10");
    await owner.keyboard.press("Enter");
    await expect.poll(() => row.getByRole("gridcell").nth(4).textContent()).toBe("10%");
    await expect.poll(() => npv.textContent()).not.toBe(beforeRisk);
    await expect
      .poll(() => owner.getByTestId("npv-change").textContent())
      .toMatch(/^NPV -SEK\s[\d,]+ with your last change$/);
    expect(await owner.getByTestId("lines-totals").textContent()).toMatch(
      /^Total SEK\s[\d,]+ · present value SEK\s[\d,]+/,
    );
    await screenshot(owner, "case-lines-added");
    await owner.getByRole("link", { name: "Overview" }).click();
    await owner.waitForURL(/\/cases\/[^/]+$/);

    // Swedish labels and number formats, on the same page.
    await owner.getByLabel("Language").selectOption("sv");
    await expect.poll(() => owner.getByRole("heading", { name: /Kumulativt nettokassaflöde/ }).isVisible()).toBe(true);
    await expect.poll(() => npv.textContent()).toMatch(/kr$/);
    await screenshot(owner, "case-sv");
    await owner.getByLabel("Språk").selectOption("en");
    await expect.poll(() => owner.getByRole("heading", { name: /Cumulative net cash flow/ }).isVisible()).toBe(true);

    // The owner approves the case; the header says so.
    await owner.getByRole("link", { name: "Settings" }).click();
    await owner.getByRole("button", { name: "Approve this case" }).click();
    await expect.poll(() => owner.getByTestId("case-status").textContent()).toBe("Approved");

    // Invite a viewer: they see the figures and no edit controls; the server refuses anyway.
    await owner.goto(`${workspaceUrl}/members`);
    await owner.getByRole("button", { name: "Create invitation link" }).click();
    const link = await owner.getByTestId("invite-link").inputValue();
    const caseUrl = `${workspaceUrl}/cases/`;
    const viewer = await e2e.newPage({ width: 1024, height: 900 });
    await signUp(viewer, `viewer-${Date.now()}@example.com`, PASSWORD);
    await viewer.goto(link);
    await viewer.getByRole("button", { name: "Accept invitation" }).click();
    await viewer.waitForURL(/\/w\/fjellvang/);
    await viewer.getByRole("link", { name: /^CRM upgrade 2028/ }).click();
    await viewer.waitForURL(new RegExp(caseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect.poll(() => viewer.getByTestId("overview-npv").textContent()).toMatch(/SEK/);
    await viewer.getByRole("link", { name: "Costs and benefits" }).click();
    await viewer.waitForURL(/\/lines$/);
    await expect.poll(() => viewer.getByTestId("line-row").count()).toBeGreaterThan(3);
    expect(await viewer.getByRole("button", { name: "Add cost line" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: /^Delete / }).count()).toBe(0);
    await viewer.getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => viewer.getByText("Workspace owners approve cases.").isVisible()).toBe(true);
    expect(await viewer.getByRole("button", { name: "Back to draft" }).count()).toBe(0);
    expect(await viewer.getByText("You can read this case; editing needs the editor or owner role.").isVisible()).toBe(
      true,
    );
    await screenshot(viewer, "case-viewer");
    await owner.context().close();
    await viewer.context().close();
  });
});
