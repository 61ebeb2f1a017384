"use client";
// Upload or remove the workspace's slide template through the API (the file is the request body;
// the server checks it and answers why when it refuses one).
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

export interface DeckTemplateInfoView {
  fileName: string;
  sizeBytes: number;
  uploadedBy: string;
  createdAt: string;
  headingFont: string | null;
  bodyFont: string | null;
  accent: string | null;
  hasLogo: boolean;
}

export function DeckTemplateManager({ slug, info }: { slug: string; info: DeckTemplateInfoView | null }) {
  const t = useTranslations("pptx");
  const common = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const url = `/api/v1/workspaces/${encodeURIComponent(slug)}/deck-template`;

  const send = (init: RequestInit, done: string, query = "") =>
    start(async () => {
      setError(undefined);
      setStatus(undefined);
      const r = await fetch(`${url}${query}`, init).catch(() => null);
      if (r?.ok) setStatus(done);
      else {
        const body = (await r?.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? common("error"));
      }
      router.refresh();
    });

  const upload = () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    send(
      { method: "PUT", body: file, headers: { "content-type": file.type || "application/octet-stream" } },
      t("template.saved"),
      `?fileName=${encodeURIComponent(file.name)}`,
    );
  };

  return (
    <div className="space-y-5">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="template-error">
          {error}
        </p>
      ) : null}
      {status ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {status}
        </p>
      ) : null}
      {info ? (
        <div className="space-y-1 text-sm text-gray-800" data-testid="template-current">
          <p>
            {t("template.current", {
              name: info.fileName,
              date: format.dateTime(new Date(info.createdAt), { dateStyle: "medium" }),
            })}
          </p>
          <p className="text-gray-700">
            {t("template.fonts", { heading: info.headingFont ?? "–", body: info.bodyFont ?? "–" })} ·{" "}
            {t("template.logo", { state: t(info.hasLogo ? "portfolio.yes" : "portfolio.no") })}
            {info.accent ? (
              <span
                className="ml-2 inline-block h-3 w-6 rounded-sm align-middle"
                style={{ backgroundColor: `#${info.accent}` }}
                aria-hidden
              />
            ) : null}
          </p>
        </div>
      ) : (
        <p className="text-sm text-gray-700">{t("template.none")}</p>
      )}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          upload();
        }}
      >
        <label className="text-sm font-medium text-gray-800" htmlFor="template-file">
          {t("template.file")}
          <input
            ref={input}
            id="template-file"
            type="file"
            accept=".pptx,.potx,application/vnd.openxmlformats-officedocument.presentationml.presentation"
            className="mt-1 block text-sm"
            required
          />
        </label>
        <Button type="submit" disabled={pending}>
          {t("template.upload")}
        </Button>
        {info ? (
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() => send({ method: "DELETE" }, t("template.removed"))}
          >
            {t("template.remove")}
          </Button>
        ) : null}
      </form>
    </div>
  );
}
