import { getTranslations } from "next-intl/server";

// What a page shows while its data loads: grey blocks in the shape of what is coming, marked busy
// for assistive technology, instead of a blank screen.
export async function Skeleton({ variant }: { variant: "page" | "tab" }) {
  const t = await getTranslations("common");
  const block = "animate-pulse rounded-lg border border-gray-200 bg-white shadow-sm";
  return (
    <div
      aria-busy="true"
      className={variant === "page" ? "mx-auto max-w-7xl space-y-5 px-6 py-6" : "space-y-5"}
      data-testid="skeleton"
    >
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      {variant === "page" ? (
        <>
          <div className="h-8 w-96 max-w-full animate-pulse rounded bg-gray-200" />
          <div className="h-5 w-64 animate-pulse rounded bg-gray-200" />
          <div className={`${block} h-20`} />
        </>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-2">
        <div className={`${block} h-72`} />
        <div className={`${block} h-72`} />
      </div>
      <div className={`${block} h-40`} />
    </div>
  );
}
