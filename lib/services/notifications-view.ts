// The notifications page's view model: the signed-in user's notifications, newest first.
import "server-only";
import { listNotifications, type NotificationDTO } from "@/lib/db/notifications";

export async function getNotificationsView(userId: string): Promise<NotificationDTO[]> {
  return listNotifications({ kind: "user", userId });
}
