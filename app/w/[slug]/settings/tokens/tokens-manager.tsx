"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

type Role = "owner" | "editor" | "viewer";
const ROLES: Role[] = ["viewer", "editor", "owner"];

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function TokensManager({ slug, tokens }: { slug: string; tokens: TokenRow[] }) {
  const t = useTranslations("tokens");
  const common = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [secret, setSecret] = useState<string>();
  const [copied, setCopied] = useState(false);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  const create = () =>
    start(async () => {
      setError(undefined);
      setNameError(undefined);
      setSecret(undefined);
      setCopied(false);
      const r = await createApiTokenAction({ slug, name, role });
      if (r.ok) {
        setSecret(r.data.secret);
        setName("");
      } else {
        const field = r.fieldErrors?.find((f) => f.path === "name");
        if (field) setNameError(field.message);
        else setError(r.message ?? common("error"));
      }
      router.refresh();
    });

  const revoke = (tokenId: string) =>
    start(async () => {
      setError(undefined);
      const r = await revokeApiTokenAction({ slug, tokenId });
      if (!r.ok) setError(r.message ?? common("error"));
      router.refresh();
    });

  return (
    <div className="space-y-8">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <form
        className="grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <Field id="token-name" label={t("name")} error={nameError}>
          <Input
            id="token-name"
            value={name}
            maxLength={100}
            required
            placeholder={t("namePlaceholder")}
            invalid={!!nameError}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="token-role" label={t("role")}>
          <select
            id="token-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="block rounded-md border border-gray-300 px-3 py-2 text-sm"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {common(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" disabled={pending || !name.trim()}>
          {t("create")}
        </Button>
      </form>

      {secret ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm font-medium text-amber-900">{t("secretOnce")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 text-sm">{secret}</code>
            <Button
              type="button"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(secret);
                setCopied(true);
              }}
            >
              {copied ? common("copied") : common("copy")}
            </Button>
          </div>
          <p className="text-xs text-amber-900">{t("usage")}</p>
        </div>
      ) : null}

      {tokens.length === 0 ? (
        <p className="text-sm text-gray-700">{t("none")}</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr className="border-b border-gray-200 text-left text-gray-600">
              <th scope="col" className="py-2 font-medium">
                {t("name")}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t("prefix")}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t("role")}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t("created")}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t("lastUsed")}
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">{t("revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} className="border-b border-gray-100">
                <td className="py-2 break-words">{tk.name}</td>
                <td className="py-2 font-mono text-xs">{tk.prefix}…</td>
                <td className="py-2">{common(`roles.${tk.role}`)}</td>
                <td className="py-2">{date(tk.createdAt)}</td>
                <td className="py-2">{tk.lastUsedAt ? date(tk.lastUsedAt) : t("never")}</td>
                <td className="py-2 text-right">
                  {tk.revokedAt ? (
                    <span className="text-gray-600">{t("revokedOn", { date: date(tk.revokedAt) })}</span>
                  ) : (
                    <Button
                      type="button"
                      variant="danger"
                      disabled={pending}
                      aria-label={t("revokeNamed", { name: tk.name })}
                      onClick={() => revoke(tk.id)}
                    >
                      {t("revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
