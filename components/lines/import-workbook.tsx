"use client";
// "New case from a workbook": a workbook exported by Caseboard (its Inputs, line sheets, risks,
// KPIs and assumptions) becomes a new case through the case-file import; problems are named by
// sheet, row and column, and nothing is created unless the whole workbook is valid.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createCaseFromWorkbookAction } from "@/lib/actions/spreadsheet";

export function ImportWorkbook({ slug }: { slug: string }) {
  const t = useTranslations("case.import");
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (file.size > 20 * 1024 * 1024) return setProblem(t("codes.tooLarge"));
    setBusy(true);
    setProblem(null);
    const form = new FormData();
    form.set("workspace", slug);
    form.set("file", file);
    const r = await createCaseFromWorkbookAction(form).catch(() => null);
    setBusy(false);
    if (!r || !r.ok)
      return setProblem(
        [r?.message ?? t("failed"), ...(r?.fieldErrors ?? []).slice(0, 10).map((f) => `${f.path}: ${f.message}`)].join(
          " · ",
        ),
      );
    if (!r.data.ok) {
      const p = r.data.problem;
      const message =
        t.has(`codes.${p.code}`) && p.code !== "invalid"
          ? t(`codes.${p.code}`, { value: "", message: p.message })
          : p.message;
      return setProblem(p.row && p.column ? t("problem", { row: p.row, column: p.column, message }) : message);
    }
    router.push(`/w/${slug}/cases/${r.data.caseId}`);
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="mt-4 flex flex-wrap items-end gap-3 border-t border-gray-200 pt-4 text-sm"
      data-testid="import-workbook"
    >
      <label className="block">
        <span className="font-medium">{t("workbookFile")}</span>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1 block text-sm"
        />
      </label>
      <button
        type="submit"
        disabled={!file || busy}
        className="rounded-md border border-gray-300 bg-white px-3 py-1.5 font-medium text-gray-900 hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-500"
      >
        {busy ? t("reading") : t("workbookButton")}
      </button>
      {problem ? (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-red-800">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
