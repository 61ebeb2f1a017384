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

function literals(section: string): string {
  return [...section.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).join("");
}

// The text a number shows under one of our formats ("#,##0.00 \"SEK\"", "0.00%", "0.000", "0"),
// or under General (at most 11 characters, as Excel shows it).
export function formatted(value: number, numFmt: string | undefined): string {
  if (!numFmt || numFmt === "General") {
    const s = String(value);
    return s.length > 11 ? value.toPrecision(6) : s;
  }
  const sections = numFmt.split(";");
  const section = value < 0 && sections[1] ? sections[1] : sections[0]!;
  const pattern = section.replace(/"[^"]*"/g, "");
  const percent = pattern.includes("%");
  const decimals = /0\.(0+)/.exec(pattern)?.[1]?.length ?? 0;
  const grouped = pattern.includes(",");
  const v = Math.abs(percent ? value * 100 : value);
  let digits = v.toFixed(decimals);
  if (grouped) {
    const [int, frac] = digits.split(".");
    digits = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
  }
  const sign = value < 0 && !sections[1] ? "-" : "";
  const lits = literals(section);
  const gap = /"\s|\s"/.test(section) || section.includes(" ") ? " " : "";
  return `${sign}${section.startsWith("-") ? "-" : ""}${lits ? lits + gap : ""}${digits}${percent ? "%" : ""}`;
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

// ---------------------------------------------------------------------------------------------
// The book: sheets in tab order, each written once, complete, then dropped.

export class BookWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly pending: SheetBuffer[] = [];
  readonly written: string[] = [];
  constructor(stream: Writable, options: { creator?: string; created?: Date }) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
    this.wb.creator = options.creator ?? "Caseboard";
    this.wb.created = options.created ?? new Date();
  }

  // A new sheet, after every sheet added so far in the tab order.
  addWorksheet(name: string): SheetBuffer {
    const ws = new SheetBuffer(name);
    this.pending.push(ws);
    return ws;
  }

  // Writes every sheet added so far (each must be complete), in order, and lets go of them.
  flush(): void {
    for (const ws of this.pending.splice(0)) this.write(ws);
  }

  private write(ws: SheetBuffer) {
    const widths = columnWidths(ws);
    const out = this.wb.addWorksheet(ws.name, {
      views: ws.views,
      pageSetup: ws.pageSetup,
      ...(ws.autoFilter ? { autoFilter: ws.autoFilter } : {}),
    } as Partial<ExcelJS.AddWorksheetOptions>);
    widths.forEach((w, c) => {
      if (c === 0) return;
      const col = out.getColumn(c);
      col.width = w;
      if (ws.columns[c]?.hidden) col.hidden = true;
    });
    // exceljs's stream numbers shared formulas per row from the sheet's count, which it never
    // advances: every row's would be number 0, and a reader would apply the first row's formula to
    // all of them. The count is kept here and handed in before each row is written.
    const counter = out as unknown as { _siFormulae: number };
    let shared = 0;
    for (let r = 1; r < ws.rows.length; r++) {
      const row = ws.rows[r];
      if (!row) continue;
      const target = out.getRow(r);
      counter._siFormulae = shared;
      for (const cell of row.cells)
        if (cell && (cell.value as { shareType?: string } | null)?.shareType === "shared") shared++;
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        const t = target.getCell(c);
        t.value = cell.value;
        if (cell.numFmt) t.numFmt = cell.numFmt;
        const font = cell.font ?? row.font;
        if (font) t.font = font;
        if (row.fill) t.fill = row.fill;
        if (cell.alignment) t.alignment = cell.alignment;
      });
      target.commit();
      ws.rows[r] = undefined; // written: free it
    }
    out.commit();
    this.written.push(ws.name);
  }

  async commit(): Promise<void> {
    this.flush();
    await this.wb.commit();
  }
}
