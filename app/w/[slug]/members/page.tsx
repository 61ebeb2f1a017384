import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MembersManager } from "@/components/workspace/members-manager";
import { requireUser } from "@/lib/auth/session";
import { listInvitations } from "@/lib/db/invitations";
import { listMembers } from "@/lib/db/members";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/members`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("workspace");
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(() => notFound());
  const canManage = workspace.role === "owner";
  const [members, invitations] = await Promise.all([
    listMembers(actor, workspace.id),
    canManage ? listInvitations(actor, workspace.id) : Promise.resolve([]),
  ]);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("members")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <MembersManager
          slug={workspace.slug}
          workspaceId={workspace.id}
          canManage={canManage}
          members={members.map((m) => ({
            id: m.id,
            email: m.email,
            name: m.name,
            role: m.role,
            isMe: m.userId === user.id,
          }))}
          invitations={invitations}
        />
      </div>
    </main>
  );
}
