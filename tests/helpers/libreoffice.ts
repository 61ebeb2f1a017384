// Recalculates a workbook with LibreOffice headless and reads every sheet back as CSV
// (docs/finance.md#the-workbook): a profile whose OOXMLRecalcMode is 0 makes soffice recompute every
// formula on load instead of showing the cached values; the CSV filter writes full precision.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseString } from "@fast-csv/parse";
import { expect } from "vitest";
import type { Metrics } from "@/lib/finance/types";
import { SUMMARY_COLUMNS } from "@/lib/xlsx/export";

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function hasLibreOffice(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

// One CSV table per sheet name. Percent cells keep their "%" (csvNumber reads them).
export async function recalculate(xlsx: Buffer): Promise<Map<string, string[][]>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caseboard-lo-"));
  mkdirSync(path.join(dir, "profile/user"), { recursive: true });
  writeFileSync(path.join(dir, "profile/user/registrymodifications.xcu"), PROFILE);
  writeFileSync(path.join(dir, "book.xlsx"), xlsx);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      "--calc",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
      "--outdir",
      path.join(dir, "out"),
      path.join(dir, "book.xlsx"),
    ],
    { stdio: "ignore", timeout: 600_000 },
  );
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(path.join(dir, "out"))) {
    const m = /^book-(.*)\.csv$/.exec(f);
    if (m) sheets.set(m[1]!, await parseCsv(readFileSync(path.join(dir, "out", f), "utf8")));
  }
  return sheets;
}

async function parseCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    parseString<string[], string[]>(text, { headers: false })
      .on("data", (row: string[]) => rows.push(row))
      .on("error", reject)
      .on("end", () => resolve());
  });
  return rows;
}

// "12.5%" -> 0.125; "" -> null.
export function csvNumber(text: string): number | null {
  if (text === "") return null;
  return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
}

// A recalculated metrics sheet (`Figures`, `Figures after tax`) against the engine: the contract's
// header, one row a key in order, each cell equal to the engine's figure (1e-6 relative, IRR 1e-6
// absolute), empty where the engine says null. Returns how many figures were compared.
export function expectMetricsSheet(sheet: string[][] | undefined, expected: [string, Metrics][]): number {
  expect(sheet).toBeDefined();
  expect(sheet![0]).toEqual([...SUMMARY_COLUMNS]);
  expect(sheet!.slice(1).map((r) => r[0])).toEqual(expected.map(([k]) => k));
  let compared = 0;
  expected.forEach(([key, metrics], i) => {
    const row = sheet![i + 1]!;
    for (const column of SUMMARY_COLUMNS.slice(1)) {
      const want = metrics[column as keyof Metrics] as string | null;
      const got = csvNumber(row[SUMMARY_COLUMNS.indexOf(column)]!);
      const where = `${key}.${column}: sheet ${row[SUMMARY_COLUMNS.indexOf(column)]}, engine ${want}`;
      if (want === null) {
        expect(got, where).toBeNull();
        continue;
      }
      expect(got, where).not.toBeNull();
      const w = Number(want);
      const tolerance = column === "irr" ? 1e-6 : Math.max(1e-6 * Math.abs(w), 1e-9);
      expect(Math.abs(got! - w), where).toBeLessThanOrEqual(tolerance);
      compared++;
    }
  });
  return compared;
}
