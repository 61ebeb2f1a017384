// The board pack in the browser: "Download slides" beside the PDF gives a PowerPoint deck of the
// case; an owner uploads the workspace's slide template on its settings page (a bad file is
// refused with the reason) and the next deck carries its logo; no serious accessibility violation.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { screenshot } from "../helpers/browser";
import { expectNoSeriousAxe, setUpBrowser, signUp } from "../helpers/e2e";
import { makeTemplate, openDeck } from "../helpers/pptx";

const e2e = setUpBrowser();
const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

describe("board pack in the browser", () => {
  it("downloads the slides and uses the template an owner uploads", async () => {
    const page = await e2e.newPage({ width: 1280, height: 900 });
    await signUp(page, `slides-${Date.now()}@example.com`, "a long enough passphrase");
    await page.getByLabel("Workspace name").fill("Bildbolaget AB");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/w\/bildbolaget-ab-/);
    const workspaceUrl = new URL(page.url()).pathname;
    await page.getByLabel("Case name").fill("Board pack case");
    await page.getByLabel("Start from").selectOption("crm-upgrade");
    await page.getByRole("button", { name: "Create case" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = /cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // The button sits beside the PDF download and gives a deck of the case.
    const slides = page.getByTestId("download-slides");
    expect(await slides.textContent()).toBe("Download slides (PowerPoint)");
    const href = await slides.getAttribute("href");
    expect(href).toBe(`/api/v1/cases/${caseId}/report.pptx?locale=en`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe(PPTX);
    const deck = await openDeck(await res.body());
    expect(deck.slides.length).toBeGreaterThanOrEqual(8);
    expect(deck.slideTexts[0]).toContain("Board pack case");
    expect(deck.names.filter((n) => n.startsWith("ppt/media/"))).toEqual([]);

    // The owner's settings: a bad file is refused with its reason, a template is taken.
    await page.goto(workspaceUrl);
    await page.getByTestId("slide-template-link").click();
    await page.waitForURL(/\/settings\/slides$/);
    expect(await page.getByTestId("deck-template").textContent()).toContain("No template");
    await expectNoSeriousAxe(page, "slide template settings");
    const file = page.getByLabel("Template file (.pptx)");
    await file.setInputFiles({ name: "notes.pptx", mimeType: PPTX, buffer: randomBytes(3000) });
    await page.getByRole("button", { name: "Upload template" }).click();
    await expect
      .poll(() => page.getByTestId("template-error").textContent(), { timeout: 30_000 })
      .toContain("not a PowerPoint presentation");
    await file.setInputFiles({ name: "brand.pptx", mimeType: PPTX, buffer: Buffer.from(await makeTemplate()) });
    await page.getByRole("button", { name: "Upload template" }).click();
    await expect
      .poll(() => page.getByTestId("deck-template").textContent(), { timeout: 30_000 })
      .toContain("Current template: brand.pptx");
    expect(await page.getByTestId("template-current").textContent()).toContain("Georgia / Verdana");
    await expectNoSeriousAxe(page, "slide template saved");
    await screenshot(page, "slide-template");

    const branded = await openDeck(await (await page.request.get(href!)).body());
    expect(branded.names.filter((n) => n.startsWith("ppt/media/")).length).toBe(1);
    expect(await branded.part("ppt/theme/theme1.xml")).toContain('<a:srgbClr val="7A1F5C"/>');
    await page.context().close();
  });
});
