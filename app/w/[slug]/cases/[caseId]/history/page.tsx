import { getTranslations } from "next-intl/server";
import { formatMoney, formatNumber } from "@/lib/i18n/format";
import { loadCasePage } from "@/lib/services/case-page";
import { getHistoryView, type HistoryItem } from "@/lib/services/history-view";

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

// The case's history: the audit trail as sentences, newest first, grouped by person and minute,
// with each change's effect on the headline NPV, filters by person and object, and a mark where
// "since your last visit" begins. The filters are a plain GET form (works without JavaScript).
export default async function CaseHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; caseId: string }>;
  searchParams: Promise<{ person?: string; object?: string }>;
}) {
  const { slug, caseId } = await params;
  const sp = await searchParams;
  const { detail, actor, user, locale } = await loadCasePage(slug, caseId);
  const person = typeof sp.person === "string" && sp.person ? sp.person : undefined;
  const object = typeof sp.object === "string" && sp.object ? sp.object : undefined;
  const view = await getHistoryView(actor, user.id, detail.id, { person, object });
  const t = await getTranslations("collab.history");
  const value = (v: string | null) => (v === null ? "–" : DECIMAL.test(v) ? formatNumber(v, locale) : v);
  const money = (v: string) =>
    v.startsWith("-") ? formatMoney(v, detail.currency, locale) : `+${formatMoney(v, detail.currency, locale)}`;
  const objectWord = (type: string) =>
    ["case", "scenario", "line", "risk", "kpi", "assumption", "comment"].includes(type)
      ? t(`objects.${type as "line"}`)
      : type;
  const sentence = (who: string, item: HistoryItem) => {
    const objectLabel = item.objectName ?? objectWord(item.objectType);
    const changes = item.changes.map((c) => `${c.field} ${value(c.before)} -> ${value(c.after)}`).join(", ");
    switch (item.verb) {
      case "update":
        return changes
          ? t("verbs.update", { who, object: objectLabel, changes })
          : t("verbs.updateNoDetail", { who, object: objectLabel });
      case "status": {
        const s = item.changes.find((c) => c.field === "status");
        return t("verbs.status", { who, from: s?.before ?? "", to: s?.after ?? "" });
      }
      case "comment":
        return t("verbs.comment", { who, text: item.text ?? "" });
      case "other":
        return t("verbs.other", { who, action: item.action, object: objectLabel });
      default:
        return t(`verbs.${item.verb}`, { who, object: objectLabel });
    }
  };
  // The mark goes above the first group from before the previous visit.
  const markIndex = view.mark === null ? -1 : view.groups.findIndex((g) => !g.items[0]!.isNew);
  return (
    <section className="space-y-4" aria-labelledby="history-title">
      <div>
        <h2 id="history-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-gray-600">{t("intro")}</p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" data-testid="history-filters">
        <label className="flex flex-col gap-1">
          {t("person")}
          <select name="person" defaultValue={person ?? ""} className="rounded-md border border-gray-300 px-2 py-1.5">
            <option value="">{t("everyone")}</option>
            {view.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t("object")}
          <select
            name="object"
            defaultValue={object ?? ""}
            className="max-w-xs rounded-md border border-gray-300 px-2 py-1.5"
          >
            <option value="">{t("everything")}</option>
            {view.objects.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-gray-300 bg-white px-3 py-1.5 font-medium text-gray-800 hover:bg-gray-50"
        >
          {t("filter")}
        </button>
      </form>
      {!view.groups.length ? <p className="text-sm text-gray-600">{t("none")}</p> : null}
      <ol className="space-y-3" data-testid="history">
        {view.groups.map((g, index) => {
          const who = g.actor.kind === "token" ? t("apiToken") : (g.actor.name ?? t("someone"));
          const showMark = index === markIndex;
          return (
            <li key={g.key}>
              {showMark ? (
                <p
                  className="mb-3 flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-blue-800"
                  data-testid="since-last-visit"
                >
                  <span className="h-px flex-1 bg-blue-200" />
                  {t("sinceLastVisit")}
                  <span className="h-px flex-1 bg-blue-200" />
                </p>
              ) : null}
              <div
                className={`rounded-lg border bg-white p-3 shadow-sm ${g.items[0]!.isNew ? "border-blue-200" : "border-gray-200"}`}
                data-testid="history-group"
              >
                <div className="mb-1 flex items-baseline gap-2 text-xs text-gray-600">
                  <span className="font-semibold text-gray-900">{who}</span>
                  <time dateTime={g.minute}>
                    {new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
                      new Date(g.items[0]!.at),
                    )}
                  </time>
                </div>
                <ul className="space-y-1 text-sm text-gray-900">
                  {g.items.map((item) => (
                    <li key={item.id} dir="auto" className="break-words" data-testid="history-item">
                      {sentence(who, item)}
                      {item.npvDelta ? " " : null}
                      {item.npvDelta ? (
                        <span
                          className={`font-medium ${item.npvDelta.startsWith("-") ? "text-red-800" : "text-teal-800"}`}
                        >
                          ({t("npvEffect", { delta: money(item.npvDelta) })})
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
