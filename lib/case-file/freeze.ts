// Case files are values: nothing changes one in place. An edit makes new objects for what it
// changes and keeps the rest (mapLineById in ./line.ts), and the engine relies on it: it keeps each
// line's and each scenario's results by object (docs/architecture.md#per-line-memo), so a line
// changed in place would be served its old results without a word. Outside production every case
// file is frozen, deeply, where it is parsed and where the engine takes it, so such a change throws
// a TypeError at the line that makes it instead. Production skips the walk (it is the same code
// with the same inputs; the tests and development catch the mistake).
// Bundlers put the build's NODE_ENV in place of the expression (browser and Web Worker chunks too);
// where there is no process at all, nothing is frozen rather than failing to load.
const FREEZE = (() => {
  try {
    return process.env.NODE_ENV !== "production";
  } catch {
    return false;
  }
})();

// Objects already frozen are taken as frozen all the way down (only this function freezes case
// file objects), so freezing a file made by an edit walks only its new objects.
function deepFreeze(value: object): void {
  const stack: object[] = [value];
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (Object.isFrozen(o)) continue;
    Object.freeze(o);
    for (const child of Object.values(o)) {
      if (child !== null && typeof child === "object" && !Object.isFrozen(child)) stack.push(child);
    }
  }
}

export function freezeCaseFile<T>(value: T): T {
  if (FREEZE && value !== null && typeof value === "object") deepFreeze(value);
  return value;
}
