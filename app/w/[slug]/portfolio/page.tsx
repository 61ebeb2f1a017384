import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { listPortfolioPlans } from "@/lib/db/portfolio";
import { getPortfolio, getPortfolioPlanView } from "@/lib/services/portfolio";
import { formatMoney, formatPercent } from "@/lib/i18n/format";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { PortfolioBubbles, PortfolioSpend } from "@/components/portfolio/portfolio-charts";
import { FundingPanel } from "@/components/portfolio/funding-panel";

const section = "rounded-lg border border-gray-200 bg-white p-6 shadow-sm";

export default async function PortfolioPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ plan?: string | string[] }>;
}) {
  const { slug } = await params;
  const planId = [(await searchParams).plan].flat()[0];
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/portfolio`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("portfolio");
  const locale = await getLocale();
  const notFoundOnMiss = (e: unknown): never => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  };
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(notFoundOnMiss);
  const [view, plans, plan] = await Promise.all([
    getPortfolio(actor, workspace.slug),
    listPortfolioPlans(actor, workspace.slug),
    planId ? getPortfolioPlanView(actor, workspace.slug, planId).catch(notFoundOnMiss) : null,
  ]);
  const money = (v: string | null) => (v === null ? t("none") : formatMoney(v, view.currency, locale));
  const live = view.cases.filter((c) => c.realisation);
  return (
    <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
      <div>
        <p className="text-sm">
          <Link href={`/w/${workspace.slug}`} className="text-teal-800 hover:underline">
            {workspace.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-gray-600">{t("intro", { currency: view.currency })}</p>
        <p className="mt-2 text-sm">
          <a
            href={`/api/v1/workspaces/${workspace.slug}/portfolio/report.pdf?locale=${locale}`}
            className="text-teal-800 hover:underline"
            data-testid="portfolio-report"
          >
            {t("reportTitle")} (PDF)
          </a>
          {" · "}
          <a
            href={`/api/v1/workspaces/${workspace.slug}/portfolio/report.pptx?locale=${locale}`}
            className="text-teal-800 hover:underline"
            data-testid="portfolio-slides"
          >
            {t("reportTitle")} (PowerPoint)
          </a>
        </p>
      </div>

      <section className={section} aria-labelledby="portfolio-cases">
        <h2 id="portfolio-cases" className="text-base font-semibold">
          {t("cases")}
        </h2>
        <PortfolioTable cases={view.cases} slug={workspace.slug} currency={view.currency} />
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <section className={section} aria-labelledby="portfolio-bubbles">
          <h2 id="portfolio-bubbles" className="text-base font-semibold">
            {t("bubbleTitle")}
          </h2>
          <PortfolioBubbles cases={view.cases} currency={view.currency} />
        </section>
        <section className={section} aria-labelledby="portfolio-spend">
          <h2 id="portfolio-spend" className="text-base font-semibold">
            {t("spendTitle")}
          </h2>
          <PortfolioSpend cases={view.cases} years={view.years} currency={view.currency} />
        </section>
      </div>

      <section className={section} aria-labelledby="portfolio-realisation">
        <h2 id="portfolio-realisation" className="text-base font-semibold">
          {t("realisation")}
        </h2>
        {live.length === 0 ? (
          <p className="mt-3 text-sm text-gray-600">{t("noLive")}</p>
        ) : (
          <table className="mt-3 w-full text-sm" data-testid="realisation-table">
            <thead>
              <tr className="border-b border-gray-200 text-left text-gray-600">
                <th className="py-2 pr-3 font-medium">{t("case")}</th>
                <th className="num py-2 pr-3 font-medium">{t("realisedRoi")}</th>
                <th className="num py-2 pr-3 font-medium">{t("varianceToDate")}</th>
                <th className="num py-2 pr-3 font-medium">{t("planNpv")}</th>
                <th className="num py-2 font-medium">{t("forecastNpv")}</th>
              </tr>
            </thead>
            <tbody>
              {live.map((c) => (
                <tr key={c.id} className="border-b border-gray-100">
                  <td className="py-2 pr-3">{c.name}</td>
                  <td className="num py-2 pr-3">
                    {c.realisation!.realisedRoi ? formatPercent(c.realisation!.realisedRoi, locale) : t("none")}
                  </td>
                  <td className="num py-2 pr-3">{money(c.realisation!.varianceToDate)}</td>
                  <td className="num py-2 pr-3">{money(c.realisation!.planNpv)}</td>
                  <td className="num py-2">{money(c.realisation!.forecastNpv)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={section} aria-labelledby="portfolio-funding">
        <h2 id="portfolio-funding" className="text-base font-semibold">
          {t("funding")}
        </h2>
        <FundingPanel
          slug={workspace.slug}
          cases={view.cases}
          years={view.years}
          currency={view.currency}
          canSave={workspace.role !== "viewer"}
        />
      </section>

      <section className={section} aria-labelledby="portfolio-plans" data-testid="plans">
        <h2 id="portfolio-plans" className="text-base font-semibold">
          {t("plans")}
        </h2>
        {plans.length === 0 ? (
          <p className="mt-3 text-sm text-gray-600">{t("noPlans")}</p>
        ) : (
          <ul className="mt-3 space-y-1 text-sm">
            {plans.map((p) => (
              <li key={p.id} data-testid="plan-row">
                {t("planBy", {
                  name: p.name,
                  by: p.createdBy,
                  date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(p.createdAt)),
                })}{" "}
                ·{" "}
                <Link href={`/w/${workspace.slug}/portfolio?plan=${p.id}`} className="text-teal-800 hover:underline">
                  {t("compare")}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {plan ? (
          <div className="mt-5" data-testid="plan-comparison">
            <h3 className="text-sm font-semibold">{t("comparison", { name: plan.name })}</h3>
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="border-b border-gray-200 text-left text-gray-600">
                  <th className="py-2 pr-3 font-medium">{t("case")}</th>
                  <th className="py-2 pr-3 font-medium">{t("status")}</th>
                  <th className="num py-2 pr-3 font-medium">{t("planNpv")}</th>
                  <th className="num py-2 pr-3 font-medium">{t("forecastNpv")}</th>
                  <th className="num py-2 pr-3 font-medium">{t("change")}</th>
                  <th className="num py-2 pr-3 font-medium">{t("benefitsToDate")}</th>
                  <th className="num py-2 font-medium">{t("planBenefitsToDate")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.comparison.rows.map((r) => (
                  <tr key={r.id} className="border-b border-gray-100">
                    <td className="py-2 pr-3">
                      {r.name} ({r.scenario})
                    </td>
                    <td className="py-2 pr-3">
                      {r.status === null ? t("gone") : t(`statuses.${r.status as "draft"}`)}
                    </td>
                    <td className="num py-2 pr-3">{money(r.planNpv)}</td>
                    <td className="num py-2 pr-3">{money(r.forecastNpv)}</td>
                    <td className="num py-2 pr-3">{money(r.change)}</td>
                    <td className="num py-2 pr-3">{money(r.benefitsToDate)}</td>
                    <td className="num py-2">{money(r.planBenefitsToDate)}</td>
                  </tr>
                ))}
                <tr className="font-semibold">
                  <td className="py-2 pr-3">{t("total")}</td>
                  <td />
                  <td className="num py-2 pr-3">{money(plan.comparison.total.planNpv)}</td>
                  <td className="num py-2 pr-3">{money(plan.comparison.total.forecastNpv)}</td>
                  <td className="num py-2 pr-3">{money(plan.comparison.total.change)}</td>
                  <td className="num py-2 pr-3">{money(plan.comparison.total.benefitsToDate)}</td>
                  <td className="num py-2">{money(plan.comparison.total.planBenefitsToDate)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </main>
  );
}
