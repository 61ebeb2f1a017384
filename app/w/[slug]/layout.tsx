import { notFound } from "next/navigation";
import { TopBar } from "@/components/ui/top-bar";
import { requireUser } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/db/notifications";
import { listWorkspacesForUser } from "@/lib/db/workspaces";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}`);
  const workspaces = await listWorkspacesForUser({ kind: "user", userId: user.id });
  const current = workspaces.find((w) => w.slug === slug);
  if (!current) notFound();
  const unread = await countUnreadNotifications({ kind: "user", userId: user.id });
  return (
    <>
      <TopBar
        user={user}
        workspaces={workspaces}
        current={current}
        notifications={{ unread, href: `/w/${current.slug}/notifications` }}
      />
      {children}
    </>
  );
}
