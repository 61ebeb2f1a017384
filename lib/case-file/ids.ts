// Stable ids for the objects of a case file (docs/case-file.md#stable-ids).
//
//   withStableIds(file)  the file with an id on every line, risk, KPI and assumption: ids given are
//                        kept; missing ones are made from the object's place ("upgrade-c1" is the
//                        first cost of scenario "upgrade", "risk-2" the second risk), skipping any
//                        already taken, so the same file always gets the same ids.
//   newStableId()        a fresh id for an object created in the app (a UUID: never collides).
// What it needs of a case file (the schema's own type would make schema.ts and this file import
// each other).
type Identified = { id?: string };
interface FileObject {
  scenarios: readonly { key: string; costs: readonly Identified[]; benefits: readonly Identified[] }[];
  risks: readonly Identified[];
  kpis: readonly Identified[];
  assumptions: readonly Identified[];
}

export function newStableId(): string {
  return crypto.randomUUID();
}

export function withStableIds<F extends FileObject>(file: F): F {
  const taken = new Set<string>();
  const note = (o: { id?: string }) => {
    if (o.id !== undefined) taken.add(o.id);
  };
  for (const s of file.scenarios) {
    s.costs.forEach(note);
    s.benefits.forEach(note);
  }
  file.risks.forEach(note);
  file.kpis.forEach(note);
  file.assumptions.forEach(note);

  let missing = false;
  const fresh = (base: string): string => {
    missing = true;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const named = <T extends { id?: string }>(o: T, base: string): T =>
    o.id !== undefined ? o : { ...o, id: fresh(base) };
  const scenarios = file.scenarios.map((s) => {
    const key = s.key.slice(0, 48);
    return {
      ...s,
      costs: s.costs.map((l, j) => named(l, `${key}-c${j + 1}`)),
      benefits: s.benefits.map((l, j) => named(l, `${key}-b${j + 1}`)),
    };
  });
  const risks = file.risks.map((r, i) => named(r, `risk-${i + 1}`));
  const kpis = file.kpis.map((k, i) => named(k, `kpi-${i + 1}`));
  const assumptions = file.assumptions.map((a, i) => named(a, `assumption-${i + 1}`));
  return missing ? { ...file, scenarios, risks, kpis, assumptions } : file;
}

// The id of an object of a parsed file (parse and computeCase guarantee one).
export function idOf(o: { id?: string }): string {
  if (o.id === undefined) throw new Error("an object of a parsed case file has no id");
  return o.id;
}
