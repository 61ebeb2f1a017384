// Uploading a workspace's slide template: the file is checked (lib/pptx/template.ts: size, zip
// bombs, macros, a presentation at all) and only what the deck uses is stored. A refusal is a 422
// naming the file, with the sentence that says why.
import "server-only";
import type { Actor } from "@/lib/db/access";
import { saveDeckTemplate, type DeckTemplateInfo } from "@/lib/db/deck-templates";
import { AppError } from "@/lib/errors";
import { inspectTemplate } from "@/lib/pptx/template";

export async function uploadDeckTemplate(
  actor: Actor,
  workspaceRef: string,
  bytes: Uint8Array,
  fileName: string | undefined,
): Promise<DeckTemplateInfo> {
  const check = inspectTemplate(bytes);
  if (!check.ok)
    throw new AppError(check.problem === "too_large" ? "payload_too_large" : "validation", check.message, {
      fieldErrors: [{ path: "file", message: check.message }],
      details: { problem: check.problem },
    });
  const name = (fileName ?? "template.pptx").replace(/[\u0000-\u001f\u007f/\\]/g, "").slice(0, 200) || "template.pptx";
  return saveDeckTemplate(actor, workspaceRef, { fileName: name, sizeBytes: bytes.byteLength, theme: check.theme });
}
