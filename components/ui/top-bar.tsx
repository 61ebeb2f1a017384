import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutButton } from "./sign-out-button";

export interface TopBarWorkspace {
  name: string;
  slug: string;
}

export async function TopBar({
  user,
  workspaces,
  current,
  notifications,
}: {
  user: { email: string; name: string | null };
  workspaces: TopBarWorkspace[];
  current?: TopBarWorkspace;
  notifications?: { unread: number; href: string };
}) {
  const t = await getTranslations("common");
  const nt = await getTranslations("collab.notifications");
  return (
    <header className="no-print border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-6 py-3">
        <Link href="/w" prefetch={false} className="text-lg font-semibold tracking-tight text-gray-900">
          Caseboard
        </Link>
        {current ? (
          <nav aria-label={t("switchWorkspace")} className="flex items-center gap-2 text-sm">
            <span aria-hidden className="text-gray-300">
              /
            </span>
            <details className="relative">
              <summary className="cursor-pointer list-none rounded-md px-2 py-1 font-medium text-gray-800 hover:bg-gray-100">
                {current.name} ▾
              </summary>
              <ul className="absolute z-20 mt-1 min-w-56 rounded-md border border-gray-200 bg-white py-1 shadow-lg">
                {workspaces.map((w) => (
                  <li key={w.slug}>
                    <Link
                      href={`/w/${w.slug}`}
                      prefetch={false}
                      className="block px-3 py-2 text-sm hover:bg-gray-50"
                      aria-current={w.slug === current.slug ? "page" : undefined}
                    >
                      {w.name}
                    </Link>
                  </li>
                ))}
                <li className="border-t border-gray-100">
                  <Link href="/w" prefetch={false} className="block px-3 py-2 text-sm text-blue-700 hover:bg-gray-50">
                    {t("workspaces")}
                  </Link>
                </li>
              </ul>
            </details>
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {notifications ? (
            <Link
              href={notifications.href}
              prefetch={false}
              className="relative rounded-md px-2 py-1 text-sm text-gray-700 hover:bg-gray-100"
              data-testid="notifications-link"
              aria-label={`${nt("link")}: ${nt("unread", { count: notifications.unread })}`}
            >
              {nt("link")}
              {notifications.unread ? (
                <span
                  className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                  data-testid="unread-count"
                >
                  {notifications.unread}
                </span>
              ) : null}
            </Link>
          ) : null}
          <LanguageSwitcher />
          <span className="hidden text-sm text-gray-600 sm:inline" title={user.email}>
            {user.name ?? user.email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
