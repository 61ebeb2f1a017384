"use client";
// A row's comment count (open threads), linking to the comments about that object; a quiet
// speech bubble when there are none, so anyone (viewers too) can start one from the row.
import { useTranslations } from "next-intl";
import Link from "next/link";

export function CommentCount({ href, count, name }: { href: string; count: number; name: string }) {
  const t = useTranslations("collab.comments");
  return (
    <Link
      href={href}
      prefetch={false}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      aria-label={t("countOn", { name, count })}
      title={t("countOn", { name, count })}
      data-testid="comment-count"
      data-count={count}
      className={`ml-1.5 inline-flex shrink-0 items-center gap-0.5 rounded px-1 text-xs ${count ? "bg-indigo-50 font-semibold text-indigo-800" : "text-gray-400 hover:text-gray-700"}`}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="currentColor">
        <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H6l-3 3v-3h0.5A1.5 1.5 0 0 1 2 9.5z" />
      </svg>
      {count ? count : null}
    </Link>
  );
}
