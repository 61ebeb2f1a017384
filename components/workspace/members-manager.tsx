"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  changeMemberRoleAction,
  createInvitationAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/lib/actions/workspaces";

type Role = "owner" | "editor" | "viewer";
const ROLES: Role[] = ["owner", "editor", "viewer"];

export interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  isMe: boolean;
}

export function MembersManager(props: {
  slug: string;
  workspaceId: string;
  canManage: boolean;
  members: MemberRow[];
  invitations: { id: string; role: Role; expiresAt: string }[];
}) {
  const t = useTranslations("workspace");
  const common = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<string>();
  const [inviteRole, setInviteRole] = useState<Role>("viewer");
  const [copied, setCopied] = useState(false);
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      setError(undefined);
      const r = await fn();
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
      <table className="w-full text-sm">
        <caption className="sr-only">{t("members")}</caption>
        <thead>
          <tr className="border-b border-gray-200 text-left text-gray-600">
            <th scope="col" className="py-2 font-medium">
              {t("members")}
            </th>
            <th scope="col" className="py-2 font-medium">
              {common("roles.owner")} / {common("roles.editor")} / {common("roles.viewer")}
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">{common("remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr key={m.id} className="border-b border-gray-100" data-testid="member-row">
              <td className="py-3">
                <div className="font-medium text-gray-900">
                  {m.name ?? m.email} {m.isMe ? <span className="text-gray-500">({t("you")})</span> : null}
                </div>
                <div className="text-gray-600">{m.email}</div>
              </td>
              <td className="py-3">
                {props.canManage ? (
                  <select
                    aria-label={t("changeRole", { name: m.name ?? m.email })}
                    value={m.role}
                    disabled={pending}
                    onChange={(e) =>
                      run(() => changeMemberRoleAction({ memberId: m.id, role: e.target.value, slug: props.slug }))
                    }
                    className="rounded-md border border-gray-300 bg-white px-2 py-1"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {common(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  common(`roles.${m.role}`)
                )}
              </td>
              <td className="py-3 text-right">
                {props.canManage || m.isMe ? (
                  <Button
                    variant="danger"
                    disabled={pending}
                    onClick={() => run(() => removeMemberAction({ memberId: m.id, slug: props.slug }))}
                  >
                    {m.isMe ? t("leave") : common("remove")}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {props.canManage ? (
        <section aria-labelledby="invite-heading" className="space-y-4">
          <h2 id="invite-heading" className="text-base font-semibold">
            {t("invite")}
          </h2>
          <div className="flex flex-wrap items-end gap-3">
            <label className="space-y-1.5 text-sm">
              <span className="block font-medium text-gray-800">{t("inviteRole")}</span>
              <select
                value={inviteRole}
                onChange={(e) => setInviteRole(e.target.value as Role)}
                className="rounded-md border border-gray-300 bg-white px-2 py-2"
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {common(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button
              disabled={pending}
              onClick={() =>
                start(async () => {
                  setCopied(false);
                  const r = await createInvitationAction({
                    workspaceId: props.workspaceId,
                    role: inviteRole,
                    slug: props.slug,
                  });
                  if (r.ok) setLink(`${window.location.origin}${r.data.path}`);
                  else setError(r.message);
                  router.refresh();
                })
              }
            >
              {t("createLink")}
            </Button>
          </div>
          {link ? (
            <div className="space-y-2 rounded-md border border-blue-200 bg-blue-50 p-3">
              <p className="text-sm text-blue-900">{t("linkOnce")}</p>
              <div className="flex gap-2">
                <input
                  readOnly
                  aria-label={t("createLink")}
                  value={link}
                  data-testid="invite-link"
                  className="flex-1 rounded-md border border-gray-300 bg-white px-2 py-1.5 font-mono text-xs"
                />
                <Button
                  variant="secondary"
                  onClick={async () => {
                    await navigator.clipboard?.writeText(link).catch(() => {});
                    setCopied(true);
                  }}
                >
                  {copied ? common("copied") : common("copy")}
                </Button>
              </div>
            </div>
          ) : null}
          {props.invitations.length ? (
            <div>
              <h3 className="mb-2 text-sm font-semibold text-gray-800">{t("pending")}</h3>
              <ul className="divide-y divide-gray-100 text-sm">
                {props.invitations.map((i) => (
                  <li key={i.id} className="flex items-center justify-between py-2">
                    <span>
                      {common(`roles.${i.role}`)} ·{" "}
                      {t("expires", { date: format.dateTime(new Date(i.expiresAt), { dateStyle: "medium" }) })}
                    </span>
                    <Button
                      variant="ghost"
                      onClick={() => run(() => revokeInvitationAction({ invitationId: i.id, slug: props.slug }))}
                    >
                      {t("revoke")}
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : (
        <p className="text-sm text-gray-600">{t("ownersOnly")}</p>
      )}
    </div>
  );
}
