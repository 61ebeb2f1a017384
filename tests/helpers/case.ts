// Small case files for tests, parsed through the real schema.
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile, CaseFileInput } from "@/lib/case-file/schema";

export function caseFile(overrides: Partial<CaseFileInput> & Pick<CaseFileInput, "scenarios">): CaseFile {
  const input = {
    format: "caseboard/v1",
    name: "Test case",
    currency: "SEK",
    startMonth: "2027-01",
    horizonMonths: 36,
    discountRate: "0.10",
    ...overrides,
  };
  const parsed = parseCaseFile(input);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  return parsed.value;
}
