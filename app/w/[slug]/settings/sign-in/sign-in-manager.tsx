"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, TextArea } from "@/components/ui/field";
import { createScimTokenAction, revokeScimTokenAction, saveSignInSettingsAction } from "./actions";

type Role = "owner" | "editor" | "viewer";
interface Policy {
  providers: string[];
  domains: string[];
  jit: boolean;
  defaultRole: "editor" | "viewer";
  groupRoles: Record<string, Role>;
  requireSso: boolean;
}
export interface SignInSettingsView {
  policy: Policy | null;
  auditRetentionDays: number | null;
  scimToken: { prefix: string; createdAt: string; lastUsedAt: string | null } | null;
}

const section = "space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm";

// "Group name = role" per line, both ways.
const groupsToText = (g: Record<string, Role>) =>
  Object.entries(g)
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
function textToGroups(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.lastIndexOf("=");
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function SignInManager({
  slug,
  providers,
  settings,
}: {
  slug: string;
  providers: { id: string; name: string }[];
  settings: SignInSettingsView;
}) {
  const t = useTranslations("sso");
  const common = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const p = settings.policy;
  const [chosen, setChosen] = useState<string[]>(p?.providers ?? []);
  const [domains, setDomains] = useState((p?.domains ?? []).join(", "));
  const [jit, setJit] = useState(p?.jit ?? false);
  const [defaultRole, setDefaultRole] = useState<"editor" | "viewer">(p?.defaultRole ?? "viewer");
  const [groups, setGroups] = useState(groupsToText(p?.groupRoles ?? {}));
  const [requireSso, setRequireSso] = useState(p?.requireSso ?? false);
  const [retention, setRetention] = useState(settings.auditRetentionDays?.toString() ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [secret, setSecret] = useState<string>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");

  const save = () =>
    start(async () => {
      setMessage(undefined);
      const r = await saveSignInSettingsAction({
        slug,
        settings: {
          policy: {
            providers: chosen,
            domains: domains
              .split(/[\s,;]+/)
              .map((d) => d.trim())
              .filter(Boolean),
            jit,
            defaultRole,
            groupRoles: textToGroups(groups) as Record<string, Role>,
            requireSso,
          },
          auditRetentionDays: retention.trim() === "" ? null : Number(retention),
        },
      });
      setMessage(
        r.ok
          ? { ok: true, text: t("saved") }
          : { ok: false, text: [r.message, ...(r.fieldErrors ?? []).map((f) => f.message)].filter(Boolean).join(": ") },
      );
      router.refresh();
    });

  const makeToken = () =>
    start(async () => {
      setMessage(undefined);
      const r = await createScimTokenAction({ slug });
      if (r.ok) setSecret(r.data.secret);
      else setMessage({ ok: false, text: r.message ?? common("error") });
      router.refresh();
    });
  const revokeToken = () =>
    start(async () => {
      setSecret(undefined);
      const r = await revokeScimTokenAction({ slug });
      if (!r.ok) setMessage({ ok: false, text: r.message ?? common("error") });
      router.refresh();
    });

  const exportHref = (format: "csv" | "jsonl") => {
    const q = new URLSearchParams({ format });
    if (from) q.set("from", new Date(from).toISOString());
    if (to) q.set("to", new Date(to).toISOString());
    return `/api/v1/workspaces/${encodeURIComponent(slug)}/audit-export?${q}`;
  };

  return (
    <div className="space-y-6">
      <section className={section} aria-labelledby="sso-policy">
        <h2 id="sso-policy" className="text-base font-semibold">
          {t("policy")}
        </h2>
        {providers.length === 0 ? <p className="text-sm text-gray-700">{t("noProviders")}</p> : null}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("providers")}</legend>
          {providers.map((pr) => (
            <label key={pr.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.includes(pr.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, pr.id] : chosen.filter((c) => c !== pr.id))}
              />
              {pr.name} <span className="text-gray-500">({pr.id})</span>
            </label>
          ))}
        </fieldset>
        <Field id="sso-domains" label={t("domains")} hint={t("domainsHint")}>
          <Input id="sso-domains" value={domains} onChange={(e) => setDomains(e.target.value)} />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={jit} onChange={(e) => setJit(e.target.checked)} />
          {t("jit")}
        </label>
        <Field id="sso-default-role" label={t("defaultRole")}>
          <select
            id="sso-default-role"
            className="rounded-md border border-gray-300 px-2 py-1.5 text-sm"
            value={defaultRole}
            onChange={(e) => setDefaultRole(e.target.value as "editor" | "viewer")}
          >
            <option value="viewer">{common("roles.viewer")}</option>
            <option value="editor">{common("roles.editor")}</option>
          </select>
        </Field>
        <Field id="sso-groups" label={t("groupRoles")} hint={t("groupRolesHint")}>
          <TextArea id="sso-groups" rows={4} value={groups} onChange={(e) => setGroups(e.target.value)} />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={requireSso} onChange={(e) => setRequireSso(e.target.checked)} />
          {t("requireSso")}
        </label>
        <Field id="audit-retention" label={t("retention")} hint={t("retentionHint")}>
          <Input
            id="audit-retention"
            inputMode="numeric"
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
          />
        </Field>
        {message ? (
          <p
            role={message.ok ? "status" : "alert"}
            className={`rounded-md px-3 py-2 text-sm ${message.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
          >
            {message.text}
          </p>
        ) : null}
        <Button onClick={save} disabled={pending}>
          {t("save")}
        </Button>
      </section>

      <section className={section} aria-labelledby="scim">
        <h2 id="scim" className="text-base font-semibold">
          {t("scim")}
        </h2>
        <p className="text-sm text-gray-700">
          {t("scimIntro")} <code className="rounded bg-gray-100 px-1">{"/scim/v2"}</code>
        </p>
        {settings.scimToken ? (
          <p className="text-sm text-gray-700" data-testid="scim-token">
            {t("scimActive", { prefix: settings.scimToken.prefix })}
          </p>
        ) : (
          <p className="text-sm text-gray-700">{t("scimNone")}</p>
        )}
        {secret ? (
          <p className="break-all rounded-md bg-yellow-50 px-3 py-2 font-mono text-sm" data-testid="scim-secret">
            {secret}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button onClick={makeToken} disabled={pending}>
            {settings.scimToken ? t("scimRotate") : t("scimCreate")}
          </Button>
          {settings.scimToken ? (
            <Button variant="secondary" onClick={revokeToken} disabled={pending}>
              {t("scimRevoke")}
            </Button>
          ) : null}
        </div>
      </section>

      <section className={section} aria-labelledby="audit">
        <h2 id="audit" className="text-base font-semibold">
          {t("audit")}
        </h2>
        <div className="flex flex-wrap gap-4">
          <Field id="audit-from" label={t("from")}>
            <Input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field id="audit-to" label={t("to")}>
            <Input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <div className="flex gap-4 text-sm">
          <a className="text-blue-700 underline" href={exportHref("csv")} download>
            {t("exportCsv")}
          </a>
          <a className="text-blue-700 underline" href={exportHref("jsonl")} download>
            {t("exportJsonl")}
          </a>
        </div>
      </section>
    </div>
  );
}
