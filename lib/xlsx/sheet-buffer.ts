// One sheet of the streamed workbook (docs/workbook.md): the export fills a SheetBuffer with light
// cell records in any order, then BookWriter writes it to exceljs's streaming writer top to bottom,
// committing each row, and lets go of it. Only the sheet being built is held, never the workbook,
// and the column widths come from what the sheet really holds (the longest formatted value of
// each column), which an exceljs stream cannot know once its first row has gone out.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

type Font = Partial<ExcelJS.Font>;
type Fill = ExcelJS.Fill;

export class BufferedCell {
  value: ExcelJS.CellValue = null;
  numFmt?: string;
  font?: Font;
  alignment?: Partial<ExcelJS.Alignment>;
  constructor(numFmt?: string) {
    if (numFmt !== undefined) this.numFmt = numFmt;
  }
}

export class BufferedRow {
  readonly cells: (BufferedCell | undefined)[] = [];
  font?: Font;
  fill?: Fill;
  constructor(
    private readonly sheet: SheetBuffer,
    readonly number: number,
  ) {}
  getCell(c: number): BufferedCell {
    let cell = this.cells[c];
    if (!cell) {
      // Like exceljs: a new cell takes its column's number format.
      cell = new BufferedCell(this.sheet.getColumn(c).numFmt);
      this.cells[c] = cell;
    }
    return cell;
  }
}

export interface BufferedColumn {
  width?: number; // at least this wide
  numFmt?: string;
  hidden?: boolean;
}

export interface PageSetup {
  paperSize: number;
  orientation: "landscape" | "portrait";
  fitToPage: boolean;
  fitToWidth: number;
  fitToHeight: number;
  printTitlesRow?: string;
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

// Every sheet prints on A4 landscape, as wide as the page, as many pages down as it needs, with its
// header row on each page.
export const PRINT: PageSetup = {
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

export class SheetBuffer {
  readonly rows: (BufferedRow | undefined)[] = [];
  readonly columns: BufferedColumn[] = [];
  views: Partial<ExcelJS.WorksheetView>[] = [];
  pageSetup: PageSetup = { ...PRINT };
  autoFilter?: string;
  // Titles above a table (the people's Summary) do not widen their column.
  readonly spanning = new Set<number>();
  constructor(readonly name: string) {}
  getRow(r: number): BufferedRow {
    let row = this.rows[r];
    if (!row) {
      row = new BufferedRow(this, r);
      this.rows[r] = row;
    }
    return row;
  }
  getCell(r: number, c: number): BufferedCell {
    return this.getRow(r).getCell(c);
  }
  getColumn(c: number): BufferedColumn {
    let col = this.columns[c];
    if (!col) {
      col = {};
      this.columns[c] = col;
    }
    return col;
  }
  get rowCount(): number {
    return this.rows.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Widths: what a cell shows under its number format, measured in characters.

// The text a number shows under one of our formats ("#,##0.00 \"SEK\"", "0.00%", "0.000", "0"),
// or under General (at most 11 characters, as Excel shows it).
interface Section {
  prefix: string; // sign and literal text, e.g. "-SEK "
  percent: boolean;
  decimals: number;
  grouped: boolean;
}
const parsedFormats = new Map<string, Section[]>();
function sectionsOf(numFmt: string): Section[] {
  let parsed = parsedFormats.get(numFmt);
  if (!parsed) {
    parsed = numFmt.split(";").map((section) => {
      const pattern = section.replace(/"[^"]*"/g, "");
      const lits = [...section.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).join("");
      return {
        prefix: `${section.startsWith("-") ? "-" : ""}${lits}${lits && section.includes(" ") ? " " : ""}`,
        percent: pattern.includes("%"),
        decimals: /0\.(0+)/.exec(pattern)?.[1]?.length ?? 0,
        grouped: pattern.includes(","),
      };
    });
    parsedFormats.set(numFmt, parsed);
  }
  return parsed;
}

export function formatted(value: number, numFmt: string | undefined): string {
  if (!numFmt || numFmt === "General") {
    const s = String(value);
    return s.length > 11 ? value.toPrecision(6) : s;
  }
  const sections = sectionsOf(numFmt);
  const section = value < 0 && sections[1] ? sections[1] : sections[0]!;
  let digits = Math.abs(section.percent ? value * 100 : value).toFixed(section.decimals);
  if (section.grouped) {
    const [int, frac] = digits.split(".");
    digits = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
  }
  const sign = value < 0 && !sections[1] ? "-" : "";
  return `${sign}${section.prefix}${digits}${section.percent ? "%" : ""}`;
}

function shown(cell: BufferedCell): { text: string; numeric: boolean } | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return { text: formatted(v, cell.numFmt), numeric: true };
  if (typeof v === "string") return { text: v, numeric: false };
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", numeric: false };
  if (typeof v === "object" && "result" in v) {
    const r = (v as { result?: unknown }).result;
    if (typeof r === "number") return { text: formatted(r, cell.numFmt), numeric: true };
    if (typeof r === "string") return { text: r, numeric: false };
    if (typeof r === "boolean") return { text: r ? "TRUE" : "FALSE", numeric: false };
  }
  return null;
}

// Widths in Excel's units (the width of a digit): every number shows whole (a number too narrow for
// its column shows ###), text up to 60 characters (longer text is cut at the next cell, not hidden).
export function columnWidths(ws: SheetBuffer): number[] {
  const numeric: number[] = [];
  const text: number[] = [];
  ws.rows.forEach((row) => {
    row?.cells.forEach((cell, c) => {
      if (!cell || (ws.spanning.has(row.number) && c === 1)) return;
      const s = shown(cell);
      if (!s) return;
      // Bold text (headers) and CJK characters are wider than a digit.
      const wide = [...s.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
      const len = wide * (cell.font?.bold || row.font?.bold ? 1.1 : 1);
      const into = s.numeric ? numeric : text;
      into[c] = Math.max(into[c] ?? 0, len);
    });
  });
  const n = Math.max(ws.columns.length, numeric.length, text.length);
  return Array.from({ length: n }, (_, c) =>
    c === 0
      ? 0
      : Math.ceil(
          Math.max(8, (numeric[c] ?? 0) + 2, Math.min(60, Math.max(ws.columns[c]?.width ?? 0, (text[c] ?? 0) + 2))),
        ),
  );
}

// exceljs's streaming writer writes workbook.xml with no calculation properties (its addWorkbook
// passes none), so the flag that makes Excel and LibreOffice recalculate every formula on opening
// is added to the <calcPr/> element as the part goes into the zip. The cached values stay the
// engine's for viewers that never calculate.
function askFullCalculationOnLoad(wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const zip = (wb as unknown as { zip: { append: (source: unknown, data: { name: string }) => unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) =>
    append(
      data.name === "/xl/workbook.xml" && typeof source === "string"
        ? source.replace(/<calcPr\b([^>]*?)\s*\/>/, (_, attributes: string) =>
            attributes.includes("fullCalcOnLoad")
              ? `<calcPr${attributes}/>`
              : `<calcPr${attributes} fullCalcOnLoad="1"/>`,
          )
        : source,
      data,
    );
}

// ---------------------------------------------------------------------------------------------
// The book: sheets in tab order, each written once, complete, then dropped.

export class BookWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly pending: SheetBuffer[] = [];
  private readonly open = new Map<SheetBuffer, { out: ExcelJS.Worksheet; next: number; shared: number }>();
  readonly written: string[] = [];
  private readonly afterSheet?: () => void;
  constructor(stream: Writable, options: { creator?: string; created?: Date; afterSheet?: () => void }) {
    this.afterSheet = options.afterSheet;
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
    this.wb.creator = options.creator ?? "Caseboard";
    this.wb.created = options.created ?? new Date();
    askFullCalculationOnLoad(this.wb);
  }

  // A new sheet, after every sheet added so far in the tab order.
  addWorksheet(name: string): SheetBuffer {
    const ws = new SheetBuffer(name);
    this.pending.push(ws);
    return ws;
  }

  // Starts writing a big sheet now, its column widths given (measured from its values before they
  // are written): every sheet before it is written first (each must be complete), then its rows go
  // out as writeThrough is called, so the sheet is never held whole.
  stream(ws: SheetBuffer, widths: number[]): void {
    const i = this.pending.indexOf(ws);
    for (const before of this.pending.splice(0, i)) this.finish(before);
    this.begin(ws, widths);
  }

  // Writes (and drops) the rows of a streamed sheet up to row r; they must be complete.
  writeThrough(ws: SheetBuffer, r: number): void {
    const sink = this.open.get(ws);
    if (!sink) return;
    // exceljs's stream numbers shared formulas per row from the sheet's count, which it never
    // advances: every row's would be number 0, and a reader would apply the first row's formula
    // to all of them. The count is kept here and handed in before each row is written.
    const counter = sink.out as unknown as { _siFormulae: number };
    for (; sink.next <= Math.min(r, ws.rows.length - 1); sink.next++) {
      const row = ws.rows[sink.next];
      if (!row) continue;
      const target = sink.out.getRow(sink.next);
      counter._siFormulae = sink.shared;
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        if ((cell.value as { shareType?: string } | null)?.shareType === "shared") sink.shared++;
        const t = target.getCell(c);
        t.value = cell.value;
        t.style = this.styleOf(cell, row);
      });
      target.commit();
      // The stream keeps every formula it has written (to resolve shared ones), for the whole
      // sheet; ours share only along a row, so none is needed once its row is out.
      (sink.out as unknown as { _formulae: object })._formulae = {};
      ws.rows[sink.next] = undefined; // written: free it
    }
  }

  // Writes every sheet added so far (each must be complete), in order, and lets go of them.
  async flush(): Promise<void> {
    for (const ws of this.pending.splice(0)) this.finish(ws);
    // Let the zip take in what was written (the sheet streams hold their text until then).
    await new Promise((resolve) => setImmediate(resolve));
  }

  // One style object per distinct look, shared by its cells: exceljs registers a style once per
  // object (a WeakMap), where a fresh object per cell costs a lookup and garbage for each.
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();
  private styleOf(cell: BufferedCell, row: BufferedRow): Partial<ExcelJS.Style> {
    const font = cell.font ?? row.font;
    const plain = !font && !row.fill && !cell.alignment;
    const key = plain ? (cell.numFmt ?? "") : JSON.stringify([cell.numFmt, font, row.fill, cell.alignment]);
    let style = this.styles.get(key);
    if (!style) {
      style = {};
      if (cell.numFmt) style.numFmt = cell.numFmt;
      if (font) style.font = font;
      if (row.fill) style.fill = row.fill;
      if (cell.alignment) style.alignment = cell.alignment;
      this.styles.set(key, style);
    }
    return style;
  }

  private begin(ws: SheetBuffer, widths: number[]) {
    const out = this.wb.addWorksheet(ws.name, {
      views: ws.views,
      pageSetup: ws.pageSetup,
      ...(ws.autoFilter ? { autoFilter: ws.autoFilter } : {}),
    } as Partial<ExcelJS.AddWorksheetOptions>);
    widths.forEach((w, c) => {
      if (c === 0) return;
      const col = out.getColumn(c);
      // exceljs leaves out a column of width 9 (its default), which Excel then shows at 8.43.
      col.width = w === 9 ? 10 : w;
      if (ws.columns[c]?.hidden) col.hidden = true;
    });
    this.open.set(ws, { out, next: 1, shared: 0 });
  }

  private finish(ws: SheetBuffer) {
    if (!this.open.has(ws)) this.begin(ws, columnWidths(ws));
    this.writeThrough(ws, ws.rows.length - 1);
    const { out } = this.open.get(ws)!;
    out.commit();
    this.open.delete(ws);
    this.written.push(ws.name);
    this.afterSheet?.();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.wb.commit();
  }
}
