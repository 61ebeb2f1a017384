// Workspace slide templates: a template made like an owner's (brand colours, fonts, a logo on the
// master) is read and the deck uses it; bad files are refused with a sentence saying why.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { computeCase } from "@/lib/finance/compute";
import { buildReportModel } from "@/lib/report/model";
import { buildReportDeck } from "@/lib/pptx/deck";
import { inspectTemplate, MAX_TEMPLATE_BYTES, readTheme } from "@/lib/pptx/template";
import { deckTheme } from "@/lib/pptx/theme";
import { deckToPdf, makeTemplate, openDeck } from "../../helpers/pptx";

const root = path.resolve(import.meta.dirname, "../../..");
const demo = () => {
  const p = parseCaseFile(
    JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8")),
  );
  if (!p.ok) throw new Error("demo invalid");
  return p.value;
};
const refused = (bytes: Uint8Array) => {
  const r = inspectTemplate(bytes);
  if (r.ok) throw new Error("accepted");
  return r;
};

describe("slide templates", { timeout: 120_000 }, () => {
  it("reads a template's colours, fonts and logo, and the deck carries them", async () => {
    const check = inspectTemplate(await makeTemplate({ accent: "7A1F5C", dark: "1E2A3A" }));
    if (!check.ok) throw new Error(check.message);
    const t = check.theme;
    expect(t).toMatchObject({
      headingFont: "Georgia",
      bodyFont: "Verdana",
      colours: { accent1: "7A1F5C", dk1: "1E2A3A" },
    });
    expect(t.logo).toMatchObject({ widthPx: 40, heightPx: 10 });
    expect(t.logo!.data).toMatch(/^data:image\/png;base64,/);
    expect(t.clrSchemeXml).toContain('<a:accent1><a:srgbClr val="7A1F5C"/></a:accent1>');

    const file = demo();
    const model = buildReportModel(file, computeCase(file), { locale: "en", version: 2 });
    const bytes = await buildReportDeck(model, deckTheme("en", t));
    const deck = await openDeck(bytes);
    // The theme part is the template's schemes; the section labels use its accent, text its fonts.
    const theme = await deck.part("ppt/theme/theme1.xml");
    expect(theme).toContain('<a:accent1><a:srgbClr val="7A1F5C"/></a:accent1>');
    expect(theme).toMatch(/<a:majorFont><a:latin typeface="Georgia"/);
    expect(deck.slides[1]).toContain('<a:srgbClr val="7A1F5C"/>');
    expect(deck.slides[1]).toContain('typeface="Verdana"');
    expect(deck.slides[1]).toContain('typeface="Georgia"');
    // The logo sits once on the slide master (every slide shows it), the only picture.
    const media = deck.names.filter((n) => n.startsWith("ppt/media/"));
    expect(media.length).toBe(1);
    const layoutRels = deck.names.filter((n) => /slideLayouts\/_rels\/.*\.rels$/.test(n));
    const rels = await Promise.all(layoutRels.map((n) => deck.part(n)));
    expect(rels.some((r) => r.includes("../media/"))).toBe(true);
    // The headline figures are still the model's strings, and LibreOffice opens the branded deck.
    for (const f of model.summary.figures) expect(deck.slideTexts[1]).toContain(f.value);
    const pdf = deckToPdf(bytes, path.join(root, "test-results/pptx/template"));
    expect(pdf.pages).toBe(deck.slides.length);
  });

  it("without a template the deck uses the default design (no logo, the default accent)", async () => {
    const t = deckTheme("sv");
    expect(t.logo).toBeNull();
    expect(t.accent).toBe("1D4ED8");
    expect(t.clrSchemeXml).toBeNull();
  });

  it("refuses random bytes, a zip that is no presentation, and an oversized file", async () => {
    expect(refused(randomBytes(5000))).toMatchObject({
      problem: "not_pptx",
      message: expect.stringMatching(/not a PowerPoint/),
    });
    const notPptx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "hello.txt": strToU8("hi") });
    expect(refused(notPptx)).toMatchObject({ problem: "not_pptx" });
    // A truncated presentation (the end of the zip cut off) is not one either.
    const good = await makeTemplate();
    expect(refused(good.subarray(0, good.length - 100))).toMatchObject({ problem: "not_pptx" });
    const big = new Uint8Array(MAX_TEMPLATE_BYTES + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(refused(big)).toMatchObject({ problem: "too_large", message: expect.stringMatching(/larger than 10 MB/) });
  });

  it("refuses zip bombs: a part compressed far beyond Office XML, too much in total, too many parts", async () => {
    const files = unzipSync(await makeTemplate());
    const ratio = zipSync({ ...files, "ppt/media/huge.xml": new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    expect(ratio.length).toBeLessThan(MAX_TEMPLATE_BYTES);
    expect(refused(ratio)).toMatchObject({
      problem: "zip_bomb",
      message: expect.stringMatching(/compressed more than 200:1/),
    });
    // Many parts, each below the ratio rule, over 100 MB together (random data barely compresses,
    // so the declared sizes are lied about as a bomb would).
    const lying = zipSync({ ...files, "ppt/media/a.bin": randomBytes(1000) }, { level: 0 });
    const entry = findCentralEntry(lying, "ppt/media/a.bin");
    new DataView(lying.buffer, lying.byteOffset).setUint32(entry + 24, 200 * 1024 * 1024, true);
    expect(refused(lying)).toMatchObject({ problem: "zip_bomb", message: expect.stringMatching(/more than 100 MB/) });
    const many: Record<string, Uint8Array> = { ...files };
    for (let i = 0; i < 2100; i++) many[`ppt/media/x${i}.txt`] = strToU8("x");
    expect(refused(zipSync(many))).toMatchObject({
      problem: "zip_bomb",
      message: expect.stringMatching(/2\d{3} parts/),
    });
  });

  it("refuses macros: a VBA project inside, or a macro-enabled content type", async () => {
    const files = unzipSync(await makeTemplate());
    const vba = zipSync({ ...files, "ppt/vbaProject.bin": randomBytes(2000) });
    expect(refused(vba)).toMatchObject({ problem: "macros", message: expect.stringMatching(/macros/) });
    const types = strFromU8(files["[Content_Types].xml"]!).replace(
      "presentationml.presentation.main+xml",
      "ms-powerpoint.presentation.macroEnabled.main+xml",
    );
    const pptm = zipSync({ ...files, "[Content_Types].xml": strToU8(types) });
    expect(refused(pptm)).toMatchObject({ problem: "macros", message: expect.stringMatching(/macro-enabled/) });
  });

  it("keeps a scheme out of the deck when it holds anything but colour or font elements", () => {
    const xml =
      '<a:theme><a:themeElements><a:clrScheme name="x"><a:dk1><a:srgbClr val="101010"/></a:dk1>' +
      '<a:accent1><a:srgbClr val="AA0000"/><p:pic r:embed="rId9"/></a:accent1></a:clrScheme>' +
      '<a:fontScheme name="f"><a:majorFont><a:latin typeface="Inter&quot; evil"/></a:majorFont>' +
      '<a:minorFont><a:latin typeface="Source Sans 3"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>';
    const t = readTheme(xml);
    expect(t.clrSchemeXml).toBeNull();
    expect(t.colours).toEqual({ dk1: "101010", accent1: "AA0000" });
    expect(t.fontSchemeXml).toContain("Source Sans 3");
    expect(t.headingFont).toBeNull();
    expect(t.bodyFont).toBe("Source Sans 3");
  });
});

// The offset of a file's central directory record (signature 0x02014b50) in a zip.
function findCentralEntry(zip: Uint8Array, name: string): number {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  let at = v.getUint32(eocd + 16, true);
  const count = v.getUint16(eocd + 10, true);
  for (let i = 0; i < count; i++) {
    const nameLen = v.getUint16(at + 28, true);
    const extra = v.getUint16(at + 30, true);
    const comment = v.getUint16(at + 32, true);
    if (strFromU8(zip.subarray(at + 46, at + 46 + nameLen)) === name) return at;
    at += 46 + nameLen + extra + comment;
  }
  throw new Error(`${name} not in the zip`);
}
