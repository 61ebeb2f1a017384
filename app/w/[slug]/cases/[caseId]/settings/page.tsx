import { toPercentInputText } from "@/lib/i18n/parse-decimal";
import { getTranslations } from "next-intl/server";
import { ApprovalCard } from "@/components/settings/approval-card";
import { CaseDangerZone } from "@/components/settings/case-danger-zone";
import { SettingsForm } from "@/components/settings/settings-form";
import { FinanceSettingsForm } from "@/components/settings/finance-settings-form";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { intlTag } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";
import { getRateTablesView } from "@/lib/services/currencies-view";
import { RateTableEditor } from "@/components/currencies/rate-table-editor";

const COMMON_CURRENCIES = ["SEK", "NOK", "DKK", "EUR", "USD", "GBP", "CHF", "CNY"];

// The case's settings (shared by every scenario), archiving, and deletion for owners.
export default async function CaseSettingsPage({ params }: { params: Promise<{ slug: string; caseId: string }> }) {
  const { slug, caseId } = await params;
  const { detail, canEdit, role, locale } = await loadCasePage(slug, caseId);
  const t = await getTranslations("scenarios");
  const ct = await getTranslations("currencies");
  const rates = getRateTablesView(detail, locale);
  const names = new Intl.DisplayNames([intlTag(locale)], { type: "currency" });
  const codes = COMMON_CURRENCIES.includes(detail.currency)
    ? COMMON_CURRENCIES
    : [detail.currency, ...COMMON_CURRENCIES];
  const currencies = codes.map((code) => ({ code, label: `${code} – ${names.of(code) ?? code}` }));
  const languages = LOCALES.map((code) => ({ code, label: LOCALE_NAMES[code] }));
  const archivedOn = detail.archivedAt
    ? new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long" }).format(new Date(detail.archivedAt))
    : null;
  return (
    <div className="space-y-5">
      <SettingsForm
        slug={slug}
        caseId={detail.id}
        version={detail.version}
        canEdit={canEdit}
        currencies={currencies}
        languages={languages}
        initial={{
          name: detail.name,
          currency: detail.currency,
          startMonth: detail.startMonth,
          horizonMonths: String(detail.horizonMonths),
          // Shown as a percentage ("0.085" is "8.5", in decimal maths), as the form first shows it.
          discountRate: toPercentInputText(detail.discountRate, "en"),
          locale: detail.locale,
        }}
      />
      <FinanceSettingsForm
        slug={slug}
        caseId={detail.id}
        version={detail.version}
        canEdit={canEdit}
        settings={detail.financeSettings}
      />
      <section
        className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm"
        aria-labelledby="exchange-rates-heading"
      >
        <h2 id="exchange-rates-heading" className="text-base font-semibold">
          {ct("settings.heading")}
        </h2>
        <p className="mt-1 mb-3 max-w-3xl text-sm text-gray-700">
          {ct("settings.intro", { currency: detail.currency })}
        </p>
        <RateTableEditor
          key={`${detail.version}:${rates.planText}`}
          mode="plan"
          caseId={detail.id}
          version={detail.version}
          canEdit={canEdit}
          locale={locale}
          currency={detail.currency}
          initialText={rates.planText}
          rows={rates.plan}
        />
      </section>
      <ApprovalCard
        slug={slug}
        caseId={detail.id}
        version={detail.version}
        status={detail.status}
        canApprove={role === "owner"}
      />
      {canEdit ? (
        <CaseDangerZone
          slug={slug}
          caseId={detail.id}
          version={detail.version}
          name={detail.name}
          archivedOn={archivedOn}
          canDelete={role === "owner"}
        />
      ) : archivedOn ? (
        <p className="rounded-md border border-gray-200 bg-white px-4 py-3 text-sm text-gray-700">
          {t("settings.archive.archivedText", { date: archivedOn })}
        </p>
      ) : null}
    </div>
  );
}
