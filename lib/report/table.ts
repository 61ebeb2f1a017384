// A table of the report as both renderers print it (header, rows of text cells), shared by the
// report model and its sections: types only.
export interface TableRow {
  cells: string[];
  bold?: boolean;
  negative?: boolean[];
}
export interface Table {
  header: string[];
  rows: TableRow[];
}
