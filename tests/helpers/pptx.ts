// Opens a .pptx for tests: its parts, the slides in order, each slide's text runs, the charts
// with the values they carry, and LibreOffice Impress's PDF of it (pages as text and PNGs).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import JSZip from "jszip";

export interface OpenedDeck {
  zip: JSZip;
  names: string[];
  slides: string[]; // slide XML, in presentation order
  slideTexts: string[]; // each slide's text runs joined with newlines, XML entities decoded
  charts: { name: string; xml: string; kind: string[]; values: number[]; labels: string[] }[];
  part: (name: string) => Promise<string>;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

export async function openDeck(bytes: Uint8Array): Promise<OpenedDeck> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const part = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`no part ${name}`);
    return f.async("string");
  };
  // Presentation order: the sldIdLst's relationship ids, resolved through presentation.xml.rels.
  const pres = await part("ppt/presentation.xml");
  const rels = await part("ppt/_rels/presentation.xml.rels");
  const target = new Map(
    [...rels.matchAll(/<Relationship [^>]*Id="(rId\d+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  const order = [...pres.matchAll(/<p:sldId [^>]*r:id="(rId\d+)"/g)].map((m) => `ppt/${target.get(m[1]!)!}`);
  const slides = await Promise.all(order.map(part));
  const slideTexts = slides.map((x) => [...x.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)).join("\n"));
  const charts = await Promise.all(
    names
      .filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))
      .map(async (name) => {
        const xml = await part(name);
        return {
          name,
          xml,
          kind: [...xml.matchAll(/<c:(lineChart|barChart|pieChart|areaChart)>/g)].map((m) => m[1]!),
          values: [...xml.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)].flatMap((v) =>
            [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1])),
          ),
          labels: [...xml.matchAll(/<c:cat>[\s\S]*?<\/c:cat>/g)].flatMap((v) =>
            [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => decode(m[1]!)),
          ),
        };
      }),
  );
  return { zip, names, slides, slideTexts, charts, part };
}

// LibreOffice Impress converts the deck to PDF; its text (pdftotext) and page count come back, and
// with `pngDir` every page as a PNG at 50 dpi to look at.
export function deckToPdf(bytes: Uint8Array, pngDir?: string): { pages: number; text: string; pdf: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-pptx-"));
  writeFileSync(path.join(dir, "deck.pptx"), bytes);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      path.join(dir, "deck.pptx"),
    ],
    { stdio: "ignore", timeout: 300_000 },
  );
  const pdfFile = path.join(dir, "deck.pdf");
  const pdf = readFileSync(pdfFile);
  const info = execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" });
  const text = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
  if (pngDir) {
    mkdirSync(pngDir, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "50", pdfFile, path.join(pngDir, "slide")]);
  }
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), text, pdf };
}

// A slide template as an owner would upload it: made with pptxgenjs (its theme fonts and a slide
// master with a logo), then its theme part edited to carry the brand's colours, as PowerPoint's
// "Design > Variants > Colors" would write them.
export async function makeTemplate(
  options: { accent?: string; dark?: string; headingFont?: string; bodyFont?: string; logo?: boolean } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { default: PptxGenJS } = await import("pptxgenjs");
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import("fflate");
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.theme = { headFontFace: options.headingFont ?? "Georgia", bodyFontFace: options.bodyFont ?? "Verdana" };
  pptx.defineSlideMaster({
    title: "BRAND",
    background: { color: "FFFFFF" },
    objects: options.logo === false ? [] : [{ image: { x: 11, y: 0.2, w: 1.6, h: 0.4, data: logoPng() } }],
  });
  pptx.addSlide({ masterName: "BRAND" }).addText("Brand template", { x: 1, y: 1, w: 6, h: 1 });
  const files = unzipSync(new Uint8Array((await pptx.stream({ compression: true })) as Buffer));
  const theme = strFromU8(files["ppt/theme/theme1.xml"]!)
    .replace(
      /<a:accent1>[\s\S]*?<\/a:accent1>/,
      `<a:accent1><a:srgbClr val="${options.accent ?? "7A1F5C"}"/></a:accent1>`,
    )
    .replace(/<a:dk1>[\s\S]*?<\/a:dk1>/, `<a:dk1><a:srgbClr val="${options.dark ?? "1E2A3A"}"/></a:dk1>`);
  files["ppt/theme/theme1.xml"] = strToU8(theme);
  return new Uint8Array(zipSync(files, { level: 6 }));
}

// A 40 x 10 PNG (solid magenta), built with node:zlib: the logo of the templates above.
export function logoPng(): string {
  const w = 40;
  const h = 10;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([0xc0, 0x10, 0x80], y * (w * 3 + 1) + 1 + x * 3);
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString("base64")}`;
}
