// An uploaded slide template, checked and reduced to what the deck uses (docs/board-pack.md
// "Templates"): the theme's colour and font schemes, the heading and body fonts, and the slide
// master's logo. The file is untrusted: its size, entry count and declared uncompressed sizes are
// checked from the zip's central directory before anything is inflated, only the few parts read
// are inflated (into buffers of their declared size, so a lying header cannot grow them), and a
// file with macros or without a presentation is refused, each with a sentence saying why.
import { unzipSync, strFromU8 } from "fflate";
import type { DeckLogo, TemplateTheme } from "./theme";

export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
export const MAX_TEMPLATE_ENTRIES = 2000;
export const MAX_TEMPLATE_UNCOMPRESSED = 100 * 1024 * 1024;
// Office XML compresses well (20:1 is common); beyond this a large entry is a bomb, not a theme.
export const MAX_TEMPLATE_RATIO = 200;
const MAX_PART_BYTES = 4 * 1024 * 1024;
const MAX_LOGO_BYTES = 1024 * 1024;

export type TemplateProblem = "too_large" | "not_pptx" | "zip_bomb" | "macros";
export type TemplateCheck =
  { ok: true; theme: TemplateTheme } | { ok: false; problem: TemplateProblem; message: string };

const refuse = (problem: TemplateProblem, message: string): TemplateCheck => ({ ok: false, problem, message });
const NOT_PPTX = "the file is not a PowerPoint presentation or template (.pptx or .potx)";

const MAIN_TYPES = [
  "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
  "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
];

export function inspectTemplate(bytes: Uint8Array): TemplateCheck {
  if (bytes.byteLength > MAX_TEMPLATE_BYTES)
    return refuse("too_large", `the template is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`);
  if (bytes.byteLength < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    return refuse("not_pptx", NOT_PPTX);

  // First pass: the central directory only (the filter sees every entry, inflates none).
  const entries: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return refuse("not_pptx", NOT_PPTX);
  }
  if (entries.length > MAX_TEMPLATE_ENTRIES)
    return refuse("zip_bomb", `the file has ${entries.length} parts; a template has at most ${MAX_TEMPLATE_ENTRIES}`);
  const total = entries.reduce((n, e) => n + e.originalSize, 0);
  if (total > MAX_TEMPLATE_UNCOMPRESSED)
    return refuse(
      "zip_bomb",
      `the file unpacks to more than ${MAX_TEMPLATE_UNCOMPRESSED / 1024 / 1024} MB; a template is far smaller`,
    );
  const bomb = entries.find(
    (e) => e.originalSize > 1024 * 1024 && e.originalSize / Math.max(1, e.size) > MAX_TEMPLATE_RATIO,
  );
  if (bomb) return refuse("zip_bomb", `the part ${bomb.name} is compressed more than ${MAX_TEMPLATE_RATIO}:1`);
  if (entries.some((e) => /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$/i.test(e.name)))
    return refuse("macros", "the file contains macros (VBA); upload a macro-free .pptx");

  const wanted = new Set(["[Content_Types].xml", "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels"]);
  const read = (names: Set<string>) => {
    try {
      return unzipSync(bytes, {
        filter: (f) =>
          names.has(f.name) && f.originalSize <= (/\.xml$|\.rels$/.test(f.name) ? MAX_PART_BYTES : MAX_LOGO_BYTES),
      });
    } catch {
      return null;
    }
  };
  const first = read(wanted);
  if (!first) return refuse("not_pptx", NOT_PPTX);
  const types = first["[Content_Types].xml"] ? strFromU8(first["[Content_Types].xml"]) : "";
  if (/macroEnabled|vbaProject/i.test(types))
    return refuse("macros", "the file is macro-enabled (.pptm or .potm); upload a macro-free .pptx");
  if (!MAIN_TYPES.some((t) => types.includes(t)) || !first["ppt/presentation.xml"]) return refuse("not_pptx", NOT_PPTX);

  // The theme of the first slide master, and the master's pictures (the logo is the first).
  const presRels = first["ppt/_rels/presentation.xml.rels"] ? strFromU8(first["ppt/_rels/presentation.xml.rels"]) : "";
  const master = relTargets(presRels, "slideMaster", "ppt/")[0];
  const masterRelsName = master ? master.replace(/([^/]+)$/, "_rels/$1.rels") : null;
  const second = masterRelsName ? read(new Set([masterRelsName])) : null;
  const masterRels = second?.[masterRelsName!] ? strFromU8(second[masterRelsName!]!) : "";
  const masterDir = master ? master.replace(/[^/]+$/, "") : "ppt/slideMasters/";
  const themeName = relTargets(masterRels, "theme", masterDir)[0] ?? "ppt/theme/theme1.xml";
  // The logo: the master's first picture, else the first picture on one of its layouts (where
  // many templates, and pptxgenjs, put it).
  const picture = (rels: string, dir: string) => relTargets(rels, "image", dir).find((n) => /\.(png|jpe?g)$/i.test(n));
  let logoName = picture(masterRels, masterDir) ?? null;
  if (!logoName) {
    const layouts = relTargets(masterRels, "slideLayout", masterDir).slice(0, 100);
    const relsOf = (n: string) => n.replace(/([^/]+)$/, "_rels/$1.rels");
    const layoutRels = read(new Set(layouts.map(relsOf))) ?? {};
    for (const layout of layouts) {
      const rels = layoutRels[relsOf(layout)];
      logoName = rels ? (picture(strFromU8(rels), layout.replace(/[^/]+$/, "")) ?? null) : null;
      if (logoName) break;
    }
  }
  const third = read(new Set([themeName, ...(logoName ? [logoName] : [])]));
  const themeXml = third?.[themeName] ? strFromU8(third[themeName]!) : null;
  if (!themeXml) return refuse("not_pptx", "the presentation has no theme part to take colours and fonts from");

  const logoBytes = logoName ? third?.[logoName] : undefined;
  return { ok: true, theme: { ...readTheme(themeXml), logo: logoBytes ? toLogo(logoName!, logoBytes) : null } };
}

// Targets of the relationships of one type (…/relationships/<type>), resolved against `dir`.
function relTargets(rels: string, type: string, dir: string): string[] {
  const out: string[] = [];
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    const t = /\bType="([^"]+)"/.exec(tag)?.[1] ?? "";
    const target = /\bTarget="([^"]+)"/.exec(tag)?.[1];
    if (!target || !t.endsWith(`/relationships/${type}`) || /TargetMode="External"/.test(tag)) continue;
    out.push(resolvePart(dir, target));
  }
  return out;
}

function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

// Only the elements a colour or font scheme is made of: anything else and the scheme is not spliced.
const CLR_TAGS =
  /^(a:clrScheme|a:dk1|a:lt1|a:dk2|a:lt2|a:accent[1-6]|a:hlink|a:folHlink|a:srgbClr|a:sysClr|a:extLst|a:ext)$/;
const FONT_TAGS = /^(a:fontScheme|a:majorFont|a:minorFont|a:latin|a:ea|a:cs|a:font|a:extLst|a:ext)$/;
const SAFE_FONT = /^[\p{L}\p{N} ._+-]{1,64}$/u;

function onlyTags(xml: string, allowed: RegExp): boolean {
  return [...xml.matchAll(/<\/?([A-Za-z0-9:]+)/g)].every((m) => allowed.test(m[1]!)) && !/<!|<\?/.test(xml);
}

export function readTheme(xml: string): Omit<TemplateTheme, "logo"> {
  const clr = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0] ?? null;
  const font = /<a:fontScheme\b[\s\S]*?<\/a:fontScheme>/.exec(xml)?.[0] ?? null;
  const colours: TemplateTheme["colours"] = {};
  if (clr)
    for (const key of ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2"] as const) {
      const el = new RegExp(`<a:${key}>([\\s\\S]*?)</a:${key}>`).exec(clr)?.[1] ?? "";
      const rgb = /<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(el)?.[1] ?? /lastClr="([0-9A-Fa-f]{6})"/.exec(el)?.[1];
      if (rgb) colours[key] = rgb.toUpperCase();
    }
  const latin = (which: "major" | "minor") => {
    const block = font ? new RegExp(`<a:${which}Font>([\\s\\S]*?)</a:${which}Font>`).exec(font)?.[1] : undefined;
    const face = block ? /<a:latin typeface="([^"]*)"/.exec(block)?.[1] : undefined;
    return face && SAFE_FONT.test(face) ? face : null;
  };
  return {
    headingFont: latin("major"),
    bodyFont: latin("minor"),
    colours,
    clrSchemeXml: clr && clr.length < 20_000 && onlyTags(clr, CLR_TAGS) ? clr : null,
    fontSchemeXml: font && font.length < 40_000 && onlyTags(font, FONT_TAGS) ? font : null,
  };
}

function toLogo(name: string, bytes: Uint8Array): DeckLogo | null {
  const png = /\.png$/i.test(name);
  const size = png ? pngSize(bytes) : jpegSize(bytes);
  if (!size) return null;
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  return { data: `data:image/${png ? "png" : "jpeg"};base64,${base64}`, widthPx: size.w, heightPx: size.h };
}

function pngSize(b: Uint8Array): { w: number; h: number } | null {
  if (b.length < 24 || b[0] !== 0x89 || b[1] !== 0x50 || b[2] !== 0x4e || b[3] !== 0x47) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const w = v.getUint32(16);
  const h = v.getUint32(20);
  return w > 0 && h > 0 ? { w, h } : null;
}

function jpegSize(b: Uint8Array): { w: number; h: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const h = (b[i + 5]! << 8) | b[i + 6]!;
      const w = (b[i + 7]! << 8) | b[i + 8]!;
      return w > 0 && h > 0 ? { w, h } : null;
    }
    i += 2 + len;
  }
  return null;
}
