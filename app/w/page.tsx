import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { TopBar } from "@/components/ui/top-bar";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { requireUser } from "@/lib/auth/session";
import { listWorkspacesForUser } from "@/lib/db/workspaces";

export default async function WorkspacesPage() {
  const user = await requireUser("/w");
  const t = await getTranslations("workspace");
  const common = await getTranslations("common");
  const workspaces = await listWorkspacesForUser({ kind: "user", userId: user.id });
  return (
    <>
      <TopBar user={user} workspaces={workspaces} />
      <main className="mx-auto max-w-4xl space-y-8 px-6 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">{t("yourWorkspaces")}</h1>
        {workspaces.length === 0 ? <p className="text-gray-700">{t("none")}</p> : null}
        <ul className="grid gap-4 sm:grid-cols-2">
          {workspaces.map((w) => (
            <li key={w.id}>
              <Link
                href={`/w/${w.slug}`}
                className="block rounded-lg border border-gray-200 bg-white p-5 shadow-sm transition hover:border-blue-300 hover:shadow"
              >
                <span className="block break-words text-base font-semibold text-gray-900">{w.name}</span>
                <span className="mt-1 block text-sm text-gray-600">
                  {common(`roles.${w.role}`)} · {t("memberCount", { count: w.memberCount })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <Card>
          <h2 className="mb-4 text-base font-semibold">{t("createTitle")}</h2>
          <CreateWorkspaceForm />
        </Card>
      </main>
    </>
  );
}
