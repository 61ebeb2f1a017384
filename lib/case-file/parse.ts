import type { z } from "zod";
import { freezeCaseFile } from "./freeze";
import { parseJsonText } from "./json-text";
import { caseFileSchema, type CaseFile } from "./schema";

export interface Problem {
  path: string; // e.g. "scenarios[1].costs[0].amount"
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Problem[] };

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 12;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

export function toProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

// Depth of nested arrays/objects, without recursion (a hostile file cannot blow the stack).
export function jsonDepth(value: unknown, limit = MAX_DEPTH + 1): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > max) max = depth;
    if (max >= limit) return max;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

export function parseCaseFile(json: unknown): ParseResult<CaseFile> {
  if (jsonDepth(json) > MAX_DEPTH)
    return { ok: false, issues: [{ path: "(root)", message: `nested deeper than ${MAX_DEPTH} levels` }] };
  const result = caseFileSchema.safeParse(json);
  // Frozen outside production (./freeze.ts): the engine keeps results by object.
  return result.success
    ? { ok: true, value: freezeCaseFile(result.data) }
    : { ok: false, issues: toProblems(result.error) };
}

// From text (CLI, uploads): size cap, JSON syntax (numbers read without loss), then the schema.
export function parseCaseFileText(text: string): ParseResult<CaseFile> {
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) {
    return {
      ok: false,
      issues: [{ path: "(root)", message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` }],
    };
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    return { ok: false, issues: [{ path: "(root)", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseCaseFile(json);
}
