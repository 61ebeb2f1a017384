// The portfolio board report (docs/portfolio.md): every case's proposal figures, spend by calendar
// year and the realisation of live cases, as a react-pdf document in the reader's language. Takes
// the portfolio view (decimal strings); no Prisma, no Next.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { createTranslator } from "use-intl/core";
import type { PortfolioView } from "@/lib/dto/portfolio";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { formatIrr, formatMoney, formatNumber, formatPercent, intlTag } from "@/lib/i18n/format";
import en from "@/messages/en/portfolio.json";
import fr from "@/messages/fr/portfolio.json";
import nb from "@/messages/nb/portfolio.json";
import sv from "@/messages/sv/portfolio.json";
import zh from "@/messages/zh/portfolio.json";

const CATALOGUES: Record<Locale, typeof en> = { en, sv, nb, fr, zh };

const s = StyleSheet.create({
  page: { fontSize: 8, paddingTop: 40, paddingBottom: 50, paddingHorizontal: 36, color: "#111827" },
  title: { fontSize: 15, fontWeight: 700, marginBottom: 4 },
  sub: { fontSize: 8, color: "#4b5563", marginBottom: 12 },
  h2: { fontSize: 10, fontWeight: 600, marginTop: 12, marginBottom: 4 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#111827", paddingVertical: 2 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 2 },
  th: { fontWeight: 600, color: "#4b5563" },
  footer: { position: "absolute", bottom: 24, left: 36, right: 36, fontSize: 7, color: "#4b5563" },
});

function Table({ header, rows, first = 0.28 }: { header: string[]; rows: string[][]; first?: number }) {
  const rest = (1 - first) / Math.max(header.length - 1, 1);
  const cell = (i: number) =>
    ({ width: `${(i === 0 ? first : rest) * 100}%`, textAlign: i === 0 ? "left" : "right" }) as const;
  return (
    <View>
      <View style={s.head} fixed>
        {header.map((h, i) => (
          <Text key={i} style={[s.th, cell(i)]}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r, n) => (
        <View key={n} style={s.row} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={cell(i)}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function PortfolioDocument({
  view,
  locale: asked,
  generatedAt,
}: {
  view: PortfolioView;
  locale: string;
  generatedAt: Date;
}) {
  const locale: Locale = isLocale(asked) ? asked : "en";
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as never, namespace: undefined });
  const tr = (key: string, values?: Record<string, string | number>) => t(key as never, values as never) as string;
  const none = tr("none");
  const money = (v: string | null | undefined) => (v == null ? none : formatMoney(v, view.currency, locale));
  const font = locale === "zh" ? "NotoSansSC" : "Inter";
  const cases = view.cases.filter((c) => c.option);
  const date = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "long" }).format(generatedAt);
  return (
    <Document title={tr("reportTitle")}>
      <Page size="A4" orientation="landscape" style={[s.page, { fontFamily: font }]}>
        <Text style={s.title}>{tr("reportTitle")}</Text>
        <Text style={s.sub}>
          {tr("reportGenerated", { workspace: view.workspace.name, date })} · {tr("intro", { currency: view.currency })}
        </Text>
        <Table
          header={[tr("case"), tr("npv"), tr("irr"), tr("roi"), tr("payback"), tr("pvCost"), tr("pi"), tr("status")]}
          rows={view.cases.map((c) => {
            const o = c.option;
            return [
              c.name,
              money(o?.npv),
              o?.irr ? formatIrr(o.irr, locale) : none,
              o?.roi ? formatPercent(o.roi, locale) : none,
              o?.paybackMonths ? tr("months", { value: formatNumber(o.paybackMonths, locale, 1) }) : none,
              money(o?.pvCost),
              o?.profitabilityIndex ? formatNumber(o.profitabilityIndex, locale, 2) : none,
              tr(`statuses.${c.status}`),
            ];
          })}
        />
        <Text style={s.h2}>{tr("reportSpend")}</Text>
        <Table
          header={[tr("case"), ...view.years]}
          rows={cases.map((c) => [c.name, ...view.years.map((y) => money(c.option!.spend[y] ?? "0"))])}
        />
        {view.cases.some((c) => c.realisation) ? (
          <View>
            <Text style={s.h2}>{tr("realisation")}</Text>
            <Table
              header={[tr("case"), tr("realisedRoi"), tr("varianceToDate"), tr("planNpv"), tr("forecastNpv")]}
              rows={view.cases
                .filter((c) => c.realisation)
                .map((c) => [
                  c.name,
                  c.realisation!.realisedRoi ? formatPercent(c.realisation!.realisedRoi, locale) : none,
                  money(c.realisation!.varianceToDate),
                  money(c.realisation!.planNpv),
                  money(c.realisation!.forecastNpv),
                ])}
            />
          </View>
        ) : null}
        <Text
          style={s.footer}
          fixed
          render={({ pageNumber, totalPages }) => tr("reportFooter", { page: pageNumber, pages: totalPages })}
        />
      </Page>
    </Document>
  );
}
