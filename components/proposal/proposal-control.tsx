"use client";
// The case's stated proposal on the overview (docs/proposal.md): "Proposal: <alternative> against
// <baseline>", from the live case model, so it follows a change made elsewhere like the headline
// does. Editors pick another alternative and save it through the case-settings write (with the
// version the page holds; a stale version shows the conflict notice); viewers read the text only.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WriteNotices, useWriteNotices } from "@/components/cases/write-notices";
import { useCaseModel } from "@/components/live/case-model";
import { Button } from "@/components/ui/button";
import { updateCaseSettingsAction } from "@/lib/actions/settings";
import { headlineKeys } from "@/lib/finance/headline";

const selectClass =
  "rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30";

export function ProposalControl({ slug, caseId, canEdit }: { slug: string; caseId: string; canEdit: boolean }) {
  const t = useTranslations("proposal");
  const router = useRouter();
  const model = useCaseModel();
  const notices = useWriteNotices();
  const [pending, start] = useTransition();
  const [picked, setPicked] = useState<string | null>(null);
  if (!model) return null;
  const { file, version } = model;
  const keys = headlineKeys(file.scenarios, file.chosenScenario);
  const nameOf = (key: string) => file.scenarios.find((s) => s.key === key)?.name ?? key;
  const alternatives = file.scenarios.filter((s) => s.baseline !== true);
  // A case with one scenario weighs nothing against a baseline: there is no proposal to state.
  if (keys.baseline === null) return null;
  const current = keys.alternative;
  const selected = picked !== null && alternatives.some((s) => s.key === picked) ? picked : current;

  function save() {
    if (selected === current) {
      notices.setMessage({ kind: "info", text: t("unchanged") });
      return;
    }
    const basedOn = version;
    const key = selected;
    start(async () => {
      const r = await updateCaseSettingsAction({ slug, caseId, version: basedOn, patch: { chosenScenario: key } });
      if (r.ok) {
        notices.done(t("saved", { alternative: nameOf(key), baseline: nameOf(keys.baseline!) }));
        setPicked(null);
      } else if (r.code === "conflict") {
        notices.conflicted(basedOn);
      } else {
        const detail = r.fieldErrors?.map((f) => f.message).join("; ");
        notices.setMessage({ kind: "error", text: detail ? `${t("error")}: ${detail}` : t("error") });
      }
      router.refresh();
    });
  }

  return (
    <section
      className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      aria-labelledby="proposal-heading"
      data-testid="proposal"
      data-proposal={current}
    >
      <h2 id="proposal-heading" className="text-sm font-semibold" data-testid="proposal-pair">
        {t("pair", { alternative: nameOf(current), baseline: nameOf(keys.baseline) })}
      </h2>
      <p className="mt-1 text-xs text-gray-600">{t("hint")}</p>
      {canEdit && alternatives.length > 1 ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-gray-700">{t("select")}</span>
            <select
              className={selectClass}
              value={selected}
              onChange={(e) => setPicked(e.target.value)}
              disabled={pending}
              data-testid="proposal-select"
            >
              {alternatives.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary" disabled={pending} data-testid="proposal-set">
            {t("set")}
          </Button>
        </form>
      ) : null}
      <WriteNotices caseId={caseId} notices={notices} className="mt-3" />
    </section>
  );
}
