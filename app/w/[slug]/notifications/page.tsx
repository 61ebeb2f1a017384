import { getLocale } from "next-intl/server";
import { NotificationList } from "@/components/notifications/notification-list";
import { requireUser } from "@/lib/auth/session";
import { getNotificationsView } from "@/lib/services/notifications-view";

// The signed-in user's notifications (mentions, replies, approval requests and decisions), newest first.
export default async function NotificationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${encodeURIComponent(slug)}/notifications`);
  const [items, locale] = await Promise.all([getNotificationsView(user.id), getLocale()]);
  return (
    <main className="mx-auto max-w-3xl px-6 py-8">
      <NotificationList items={items} locale={locale} />
    </main>
  );
}
