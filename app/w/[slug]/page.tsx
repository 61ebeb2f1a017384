import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { CaseList } from "@/components/workspace/case-list";
import { NewCaseForm } from "@/components/cases/new-case-form";
import { WorkbookWizard } from "@/components/import/workbook-wizard";
import { listCaseHeadlines } from "@/lib/services/case-list";

export default async function WorkspaceHome({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[]; archived?: string | string[] }>;
}) {
  const { slug } = await params;
  const search = await searchParams;
  const query = (Array.isArray(search.q) ? search.q[0] : search.q)?.slice(0, 200) ?? "";
  const includeArchived = (Array.isArray(search.archived) ? search.archived[0] : search.archived) === "1";
  const user = await requireUser(`/w/${encodeURIComponent(slug)}`);
  const t = await getTranslations("workspace");
  const common = await getTranslations("common");
  const pt = await getTranslations("pptx");
  const portfolio = await getTranslations("portfolio");
  const currency = await getTranslations("currencies.workspace");
  const workspace = await getWorkspaceBySlugOrThrow({ kind: "user", userId: user.id }, slug).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="break-words text-2xl font-semibold tracking-tight" data-testid="workspace-name">
            {workspace.name}
          </h1>
          <p className="mt-1 text-sm text-gray-600">{t("yourRole", { role: common(`roles.${workspace.role}`) })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/w/${workspace.slug}/portfolio`}
            data-testid="portfolio-link"
            className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
          >
            {portfolio("link")}
          </Link>
          <Link
            href={`/w/${workspace.slug}/members`}
            className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
          >
            {t("members")} · {workspace.memberCount}
          </Link>
          {workspace.role === "owner" ? (
            <Link
              href={`/w/${workspace.slug}/settings/slides`}
              className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
              data-testid="slide-template-link"
            >
              {pt("template.heading")}
            </Link>
          ) : null}
          {workspace.role === "owner" ? (
            <Link
              href={`/w/${workspace.slug}/settings/currency`}
              className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
              data-testid="reporting-currency-link"
            >
              {currency("title")}
            </Link>
          ) : null}
          {workspace.role === "owner" ? (
            <Link
              href={`/w/${workspace.slug}/settings/sign-in`}
              className="rounded-md border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 hover:bg-gray-50"
            >
              {t("signInSettings")}
            </Link>
          ) : null}
        </div>
      </div>
      <section
        data-testid="cases"
        aria-labelledby="cases-heading"
        className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
      >
        <h2 id="cases-heading" className="text-base font-semibold">
          {t("cases")}
        </h2>
        {workspace.role !== "viewer" ? (
          <div className="mt-4 rounded-md border border-gray-100 bg-gray-50 p-4">
            <h3 className="mb-3 text-sm font-semibold">{t("newCase")}</h3>
            <NewCaseForm slug={workspace.slug} />
            <WorkbookWizard slug={workspace.slug} />
          </div>
        ) : null}
        <form role="search" method="get" className="mt-5 flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium text-gray-700">
            {t("search")}
            <input
              name="q"
              type="search"
              defaultValue={query}
              maxLength={200}
              className="mt-1 block w-72 max-w-full rounded-md border border-gray-300 px-2.5 py-1.5 text-sm"
            />
          </label>
          <label className="flex items-center gap-2 pb-1.5 text-sm text-gray-700">
            <input type="checkbox" name="archived" value="1" defaultChecked={includeArchived} />
            {t("showArchived")}
          </label>
          <button
            type="submit"
            className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50"
          >
            {t("searchButton")}
          </button>
        </form>
        <CaseList
          slug={workspace.slug}
          query={query}
          cases={await listCaseHeadlines({ kind: "user", userId: user.id }, workspace.id, { query, includeArchived })}
        />
      </section>
    </main>
  );
}
