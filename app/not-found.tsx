import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold">{t("notFound")}</h1>
      <p className="mt-2 text-gray-700">{t("notFoundText")}</p>
      <Link href="/w" className="mt-6 font-medium text-blue-700 hover:underline">
        {t("backHome")}
      </Link>
    </main>
  );
}
