"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createSnapshotAction } from "@/lib/actions/versions";

// Editors save the case as it stands under a name ("Board pre-read"); nothing in the plan changes.
export function SaveSnapshotForm({ slug, caseId }: { slug: string; caseId: string }) {
  const t = useTranslations("versions");
  const router = useRouter();
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string }>();
  const [pending, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await createSnapshotAction({ slug, caseId, name });
          if (r.ok) {
            setName("");
            setMessage({ kind: "info", text: t("save.saved") });
          } else setMessage({ kind: "error", text: r.fieldErrors?.[0]?.message ?? r.message });
          router.refresh();
        });
      }}
    >
      <div className="min-w-64 flex-1">
        <Field id="snapshot-name" label={t("save.name")}>
          <Input
            id="snapshot-name"
            value={name}
            maxLength={200}
            required
            placeholder={t("save.placeholder")}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending || !name.trim()}>
        {t("save.submit")}
      </Button>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`w-full text-sm ${message.kind === "error" ? "text-red-700" : "text-teal-800"}`}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
