"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createCaseAction } from "@/lib/actions/cases";

export function NewCaseForm({ slug }: { slug: string }) {
  const t = useTranslations("workspace");
  const common = useTranslations("common");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const data = new FormData(e.currentTarget);
        const r = await createCaseAction({
          slug,
          name: String(data.get("name")),
          template: String(data.get("template") ?? "") || undefined,
        });
        setPending(false);
        if (!r.ok) {
          setError(r.fieldErrors?.[0]?.message ?? (r.code === "internal" ? common("error") : r.message));
          return;
        }
        router.push(`/w/${slug}/cases/${r.data.caseId}`);
      }}
    >
      <div className="min-w-64 flex-1">
        <Field id="case-name" label={t("caseName")} error={error}>
          <Input id="case-name" name="name" required maxLength={200} invalid={!!error} />
        </Field>
      </div>
      <label className="space-y-1.5 text-sm">
        <span className="block font-medium text-gray-800">{t("template")}</span>
        <select
          name="template"
          defaultValue="crm-upgrade"
          className="rounded-md border border-gray-300 bg-white px-2 py-2"
        >
          <option value="">{t("templateEmpty")}</option>
          <option value="crm-implementation">{t("templateImplementation")}</option>
          <option value="crm-upgrade">{t("templateUpgrade")}</option>
          <option value="green-book">{t("templateGreenBook")}</option>
        </select>
      </label>
      <Button type="submit" disabled={pending}>
        {t("createCase")}
      </Button>
    </form>
  );
}
