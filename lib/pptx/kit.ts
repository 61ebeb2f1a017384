// The pieces every slide of a deck is made of (the case's board pack and the portfolio's): the
// slide master with the logo, the section label and action title, text tables, footers with
// "page x of y", the draft mark. Every figure is a text box or a table cell and every chart a
// native chart with its data, so a board member can restyle, re-sort and check them.
import PptxGenJS from "pptxgenjs";
import { unzipSync, zipSync, strFromU8, strToU8 } from "fflate";
import type { Table } from "@/lib/report/model";
import type { DeckTheme } from "./theme";

export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
export const MARGIN = 0.5;
export const CONTENT_W = SLIDE_W - 2 * MARGIN;
export const CONTENT_TOP = 1.75;
export const CONTENT_BOTTOM = 6.75;
const MASTER = "CASEBOARD";

export type Pptx = InstanceType<typeof PptxGenJS>;
export type Slide = ReturnType<Pptx["addSlide"]>;
type TableRows = Parameters<Slide["addTable"]>[0];

export interface Chrome {
  footerLeft: string;
  page: (page: number, total: number) => string;
  draft: string | null; // the draft mark on every slide of a draft
}

export function createDeck(theme: DeckTheme, meta: { title: string; author: string; subject: string }): Pptx {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.subject = meta.subject;
  pptx.company = "Caseboard";
  pptx.theme = { headFontFace: theme.headingFont, bodyFontFace: theme.bodyFont };
  const objects: NonNullable<Parameters<Pptx["defineSlideMaster"]>[0]["objects"]> = [
    { line: { x: MARGIN, y: 6.95, w: CONTENT_W, h: 0, line: { color: theme.rule, width: 0.75 } } },
  ];
  if (theme.logo) {
    // At most 0.5 in high and 1.8 in wide, aspect kept, in the top right corner.
    const ratio = theme.logo.widthPx / Math.max(1, theme.logo.heightPx);
    const h = Math.min(0.5, 1.8 / ratio);
    const w = h * ratio;
    objects.push({ image: { x: SLIDE_W - MARGIN - w, y: 0.25, w, h, data: theme.logo.data } });
  }
  pptx.defineSlideMaster({ title: MASTER, background: { color: theme.background }, objects });
  return pptx;
}

export function text(theme: DeckTheme, extra: Record<string, unknown> = {}) {
  return { fontFace: theme.bodyFont, lang: theme.lang, color: theme.ink, ...extra };
}

// One slide: the master, the section label above the action title, the footer and page number.
export function addSlide(
  pptx: Pptx,
  theme: DeckTheme,
  chrome: Chrome,
  page: number,
  total: number,
  heading: string | null,
  title: string | null,
): Slide {
  const slide = pptx.addSlide({ masterName: MASTER });
  if (heading)
    slide.addText(heading.toUpperCase(), {
      ...text(theme, { color: theme.accent, bold: true, fontSize: 11 }),
      x: MARGIN,
      y: 0.3,
      w: CONTENT_W - 2.2,
      h: 0.35,
      margin: 0,
    });
  if (title)
    slide.addText(title, {
      ...text(theme, { fontFace: theme.headingFont, bold: true, fontSize: title.length > 110 ? 20 : 24 }),
      x: MARGIN,
      y: 0.7,
      w: CONTENT_W,
      h: 0.95,
      margin: 0,
      valign: "top",
    });
  const left = chrome.footerLeft.length > 150 ? `${chrome.footerLeft.slice(0, 148)}\u2026` : chrome.footerLeft;
  slide.addText(left, { ...text(theme, { color: theme.muted, fontSize: 8 }), x: MARGIN, y: 7.0, w: 10.3, h: 0.3 });
  slide.addText(chrome.page(page, total), {
    ...text(theme, { color: theme.muted, fontSize: 8, align: "right" }),
    x: SLIDE_W - MARGIN - 2,
    y: 7.0,
    w: 2,
    h: 0.3,
  });
  if (chrome.draft)
    slide.addText(chrome.draft, {
      ...text(theme, { color: theme.negative, bold: true, fontSize: 10, align: "right" }),
      x: SLIDE_W - MARGIN - (theme.logo ? 4.1 : 2.2),
      y: 0.3,
      w: 2.2,
      h: 0.35,
      margin: 0,
    });
  return slide;
}

export function addLabel(slide: Slide, theme: DeckTheme, label: string, x: number, y: number, w: number) {
  slide.addText(label, {
    ...text(theme, { color: theme.muted, bold: true, fontSize: 11 }),
    x,
    y,
    w,
    h: 0.3,
    margin: 0,
  });
}

// A report table as a native table: figures right-aligned, totals bold, negatives in red.
export function addTable(
  slide: Slide,
  theme: DeckTheme,
  table: Table,
  box: { x: number; y: number; w: number; firstShare?: number; fontSize?: number; rowH?: number; colW?: number[] },
  numeric = true,
) {
  const n = table.header.length;
  const first = box.firstShare ?? 0.32;
  const colW =
    box.colW ?? table.header.map((_, i) => (i === 0 ? box.w * first : (box.w * (1 - first)) / Math.max(1, n - 1)));
  const fontSize = box.fontSize ?? 10;
  const align = (i: number) => (numeric && i > 0 ? "right" : "left");
  const rows: TableRows = [
    table.header.map((h, i) => ({
      text: h,
      options: {
        ...text(theme, { color: theme.muted, bold: true, fontSize: fontSize - 1, align: align(i) }),
        border: [{ type: "none" }, { type: "none" }, { pt: 1, color: theme.ink }, { type: "none" }],
      },
    })),
    ...table.rows.map((r) =>
      r.cells.map((c, i) => ({
        text: c,
        options: {
          ...text(theme, {
            fontSize,
            bold: r.bold ?? false,
            align: align(i),
            color: r.negative?.[i] ? theme.negative : theme.ink,
          }),
          border: [{ type: "none" }, { type: "none" }, { pt: 0.5, color: theme.rule }, { type: "none" }],
        },
      })),
    ),
  ] as TableRows;
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    colW,
    rowH: box.rowH ?? 0.28,
    margin: [0.02, 0.06, 0.02, 0.06],
    valign: "middle",
  });
}

export function chartFonts(theme: DeckTheme, size = 10) {
  return {
    catAxisLabelFontFace: theme.bodyFont,
    valAxisLabelFontFace: theme.bodyFont,
    legendFontFace: theme.bodyFont,
    dataLabelFontFace: theme.bodyFont,
    titleFontFace: theme.headingFont,
    catAxisLabelFontSize: size,
    valAxisLabelFontSize: size,
    legendFontSize: size,
    dataLabelFontSize: size - 1,
    titleFontSize: size + 2,
    catAxisLabelColor: theme.muted,
    valAxisLabelColor: theme.muted,
    legendColor: theme.ink,
    titleColor: theme.ink,
    lang: theme.lang,
    valGridLine: { style: "none" as const },
    catAxisLineColor: theme.faint,
    valAxisLineShow: false,
  };
}

// Chunks of at most `size` rows (the header repeats on every slide of a long table).
export function pages<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

// The deck's theme part after writing: a template's colour and font schemes replace pptxgenjs's
// (they hold no relationships, so nothing else in the package changes), and Chinese decks name
// their East Asian font in the theme so text that inherits the theme font finds it too.
export function finishTheme(xml: string, theme: DeckTheme): string {
  let out = xml;
  if (theme.clrSchemeXml) out = out.replace(/<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/, theme.clrSchemeXml);
  if (theme.fontSchemeXml) out = out.replace(/<a:fontScheme\b[\s\S]*?<\/a:fontScheme>/, theme.fontSchemeXml);
  if (theme.eastAsianFont) {
    const ea = esc(theme.eastAsianFont);
    out = out
      .replace(/<a:ea typeface="[^"]*"\s*\/>/g, `<a:ea typeface="${ea}"/>`)
      .replace(/<a:font script="Hans" typeface="[^"]*"\s*\/>/g, `<a:font script="Hans" typeface="${ea}"/>`);
  }
  return out;
}

export async function writeDeck(pptx: Pptx, theme: DeckTheme): Promise<Uint8Array> {
  // stream() is the export that honours compression (write() with an outputType stores only).
  const buffer = (await pptx.stream({ compression: true })) as Buffer;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (!theme.clrSchemeXml && !theme.fontSchemeXml && !theme.eastAsianFont) return bytes;
  const files = unzipSync(bytes);
  const part = "ppt/theme/theme1.xml";
  if (files[part]) files[part] = strToU8(finishTheme(strFromU8(files[part]), theme));
  // The content types part first, as Office writes it (some readers sniff it there).
  const ordered: Record<string, Uint8Array> = {};
  if (files["[Content_Types].xml"]) ordered["[Content_Types].xml"] = files["[Content_Types].xml"];
  for (const [name, data] of Object.entries(files)) if (name !== "[Content_Types].xml") ordered[name] = data;
  return zipSync(ordered, { level: 6 });
}
