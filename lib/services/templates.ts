// Built-in templates: the demo case's structure with neutral amounts, as case files.
//
//   TEMPLATES                                        [{ key, name }]
//   getTemplateCaseFile(key)                         -> CaseFile (validated)
//   createCaseFromInput(actor, workspaceRef, input)  editor -> WriteResult<CaseDetailDTO>
//       input.template absent: an empty case with one baseline scenario; present: the template
//       with the given name and settings laid over it.
import "server-only";
import { parseCaseFile } from "@/lib/case-file/parse";
import type { CaseFile } from "@/lib/case-file/schema";
import type { Actor } from "@/lib/db/access";
import type { CaseDetailDTO, WriteResult } from "@/lib/db/case-mappers";
import { createCase, createCaseFromFile } from "@/lib/db/cases";
import { AppError } from "@/lib/errors";
import type { CreateCaseInput, TemplateKey } from "@/lib/validation/case";
import crmImplementation from "@/tests/fixtures/cases/crm-implementation.json";
import crmUpgrade from "@/tests/fixtures/cases/crm-upgrade.json";
import greenBook from "@/lib/services/green-book-template.json";

export const TEMPLATES: readonly { key: TemplateKey; name: string }[] = [
  { key: "crm-implementation", name: "CRM implementation" },
  { key: "crm-upgrade", name: "CRM upgrade (current vs new)" },
  { key: "green-book", name: "Public sector (Green Book: real prices, 3.5 %, 10 years, optimism bias)" },
];

const SOURCES: Record<TemplateKey, unknown> = {
  "crm-implementation": crmImplementation,
  "crm-upgrade": crmUpgrade,
  "green-book": greenBook,
};

export function getTemplateCaseFile(key: TemplateKey): CaseFile {
  const parsed = parseCaseFile(SOURCES[key]);
  if (!parsed.ok)
    throw new Error(
      `template ${key} is not a valid case file: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    );
  return parsed.value;
}

export async function createCaseFromInput(
  actor: Actor,
  workspaceRef: string,
  input: CreateCaseInput,
): Promise<WriteResult<CaseDetailDTO>> {
  const { template, ...settings } = input;
  if (!template) return createCase(actor, workspaceRef, settings);
  const base = getTemplateCaseFile(template);
  const overrides = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined && v !== null));
  const file: CaseFile = { ...base, ...overrides, status: "draft" };
  // Settings may move the horizon under the template's lines: check the result as a whole.
  const parsed = parseCaseFile(file);
  if (!parsed.ok) {
    throw new AppError("validation", "the settings do not fit the template", { fieldErrors: parsed.issues });
  }
  return createCaseFromFile(actor, workspaceRef, parsed.value, "case.template");
}
