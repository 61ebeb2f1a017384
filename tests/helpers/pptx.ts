// Opens a .pptx for tests: its parts, the slides in order, each slide's text runs, the charts
// with the values they carry, and LibreOffice Impress's PDF of it (pages as text and PNGs).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
