"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createWorkspaceAction } from "@/lib/actions/workspaces";

export function CreateWorkspaceForm() {
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
        const name = String(new FormData(e.currentTarget).get("name"));
        const result = await createWorkspaceAction({ name });
        setPending(false);
        if (!result.ok) {
          setError(result.fieldErrors?.[0]?.message ?? (result.code === "internal" ? common("error") : result.message));
          return;
        }
        router.push(`/w/${result.data.slug}`);
      }}
    >
      <div className="min-w-64 flex-1">
        <Field id="workspace-name" label={t("nameLabel")} error={error}>
          <Input
            id="workspace-name"
            name="name"
            required
            maxLength={200}
            placeholder={t("namePlaceholder")}
            invalid={!!error}
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {t("create")}
      </Button>
    </form>
  );
}
