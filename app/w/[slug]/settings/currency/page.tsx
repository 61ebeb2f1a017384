// The workspace's reporting currency and its own dated rates (owners only), which the portfolio
// converts its cases with (docs/currencies.md).
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ReportingCurrencyForm } from "@/components/currencies/reporting-currency-form";
import { requireUser } from "@/lib/auth/session";
import { getWorkspaceReportingRates } from "@/lib/db/workspace-currency";
import { getWorkspaceBySlugOrThrow } from "@/lib/db/workspaces";
import { formatWorkspaceRates } from "@/lib/currencies/rate-text";
import { intlTag } from "@/lib/i18n/format";
import { getLocale } from "next-intl/server";

const COMMON_CURRENCIES = ["SEK", "NOK", "DKK", "EUR", "USD", "GBP", "CHF", "CNY"];

export default async function ReportingCurrencyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/settings/currency`);
  const actor = { kind: "user" as const, userId: user.id };
  const t = await getTranslations("currencies.workspace");
  const locale = await getLocale();
  const workspace = await getWorkspaceBySlugOrThrow(actor, slug).catch(() => notFound());
  const isOwner = workspace.role === "owner";
  const current = isOwner ? await getWorkspaceReportingRates(actor, workspace.slug) : null;
  const names = new Intl.DisplayNames([intlTag(locale)], { type: "currency" });
  const codes =
    current?.currency && !COMMON_CURRENCIES.includes(current.currency)
      ? [current.currency, ...COMMON_CURRENCIES]
      : COMMON_CURRENCIES;
  const decimal = new Intl.NumberFormat(intlTag(locale)).format(0.5).includes(",") ? "," : ".";
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("title")} · <span className="break-words">{workspace.name}</span>
      </h1>
      <p className="text-sm text-gray-700">{t("intro")}</p>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        {isOwner && current ? (
          <ReportingCurrencyForm
            slug={workspace.slug}
            locale={locale}
            currencies={codes.map((code) => ({ code, label: `${code} – ${names.of(code) ?? code}` }))}
            initialCurrency={current.currency ?? "SEK"}
            initialText={formatWorkspaceRates(current.rates, decimal)}
          />
        ) : (
          <p className="text-sm text-gray-700">{t("ownersOnly")}</p>
        )}
      </div>
    </main>
  );
}
