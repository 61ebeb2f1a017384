import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MembersManager } from "@/components/workspace/members-manager";
import { requireUser } from "@/lib/auth/session";
import { getMembersView } from "@/lib/services/members-view";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/members`);
  const t = await getTranslations("workspace");
  const view = await getMembersView(user.id, slug);
  if (!view) notFound();
  const { workspace } = view;
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("members")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <MembersManager
          slug={workspace.slug}
          workspaceId={workspace.id}
          canManage={view.canManage}
          members={view.members}
          invitations={view.invitations}
        />
      </div>
    </main>
  );
}
