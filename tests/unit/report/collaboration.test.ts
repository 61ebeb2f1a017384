// The board report and the collaboration features: each assumption's source, owner and
// confidence in the methodology, and the case's open comment threads printed as typed (text, not
// markup), in a valid PDF.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "@/lib/case-file/parse";
import { renderReportPdf } from "@/lib/report/render";

const root = path.resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "caseboard-pdf-collab-"));
const text = (pdf: Buffer) => {
  const file = path.join(tmp, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");
};

describe("report: assumptions register and open discussion", () => {
  it(
    "lists each assumption with its source, owner and confidence, and prints comments exactly as typed",
    { timeout: 60_000 },
    async () => {
      const raw = JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8")) as {
        assumptions: Record<string, unknown>[];
      };
      raw.assumptions[0] = {
        ...raw.assumptions[0],
        source: "Vendor price list 2026",
        owner: "Erik Berg",
        confidence: "high",
        lines: ["upgrade-c1"],
      };
      const parsed = parseCaseFile(raw);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const body = '<script>alert("x")</script> & {npv} stays text';
      const pdf = await renderReportPdf(parsed.value, {
        locale: "en",
        discussion: [
          {
            about: "Cloud CRM subscription (60 users)",
            comments: [
              { author: "Erik Solberg", body },
              { author: "Astrid Lindqvist", body: "Quote attached" },
            ],
          },
        ],
      });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const t = text(pdf);
      expect(t).toContain("source: Vendor price list 2026 · owner: Erik Berg · confidence: high");
      expect(t).toContain("Open discussion");
      expect(t).toContain(`Erik Solberg: ${body}`);
      expect(t).toContain("Astrid Lindqvist: Quote attached");
    },
  );

  it("a case file with register fields survives parsing; an unknown confidence is refused with its path", () => {
    const raw = JSON.parse(readFileSync(path.join(root, "tests/fixtures/cases/demo-crm-upgrade.json"), "utf8")) as {
      assumptions: Record<string, unknown>[];
    };
    raw.assumptions[0] = { ...raw.assumptions[0], confidence: "certain" };
    const parsed = parseCaseFile(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain("assumptions[0].confidence");
  });
});
