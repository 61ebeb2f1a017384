"use client";
// The notification list: each one as a sentence in the user's language, unread ones marked;
// opening one marks it read (POST /api/v1/notifications/read, a tracking write of one's own).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { NotificationDTO } from "@/lib/dto/collab";

async function markRead(ids?: string[]) {
  await fetch("/api/v1/notifications/read", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ids ? { ids } : {}),
  }).catch(() => {});
}

export function NotificationList({ items, locale }: { items: NotificationDTO[]; locale: string }) {
  const t = useTranslations("collab.notifications");
  const router = useRouter();
  const unread = items.filter((n) => !n.read).length;
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const sentence = (n: NotificationDTO) =>
    (["mention", "reply", "approval_request", "approval_decision"] as const).includes(n.kind as "mention")
      ? t(`kinds.${n.kind as "mention"}`, { actor: n.actorName ?? t("someone"), case: n.caseName ?? "" })
      : n.title;
  return (
    <section className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        {unread ? (
          <Button
            variant="secondary"
            onClick={async () => {
              await markRead();
              router.refresh();
            }}
          >
            {t("markAll")}
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-gray-600" data-testid="unread-summary">
        {t("unread", { count: unread })}
      </p>
      {!items.length ? <p className="text-gray-700">{t("none")}</p> : null}
      <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
        {items.map((n) => (
          <li
            key={n.id}
            className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${n.read ? "" : "bg-blue-50/50"}`}
            data-testid="notification"
            data-read={n.read}
          >
            <div className="min-w-0">
              <p className={`text-sm ${n.read ? "text-gray-800" : "font-semibold text-gray-900"}`}>{sentence(n)}</p>
              {n.body ? (
                <p dir="auto" className="mt-0.5 whitespace-pre-wrap break-words text-sm text-gray-700">
                  {n.body}
                </p>
              ) : null}
              <time className="text-xs text-gray-600" dateTime={n.createdAt}>
                {fmt(n.createdAt)}
              </time>
            </div>
            <div className="flex gap-2">
              {n.url ? (
                <Link
                  href={n.url}
                  prefetch={false}
                  onClick={() => void markRead([n.id])}
                  className="text-sm text-blue-700 hover:underline"
                >
                  {t("open")}
                </Link>
              ) : null}
              {!n.read ? (
                <button
                  type="button"
                  className="text-sm text-gray-700 hover:underline"
                  onClick={async () => {
                    await markRead([n.id]);
                    router.refresh();
                  }}
                >
                  {t("markRead")}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
