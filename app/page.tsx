import { getTranslations } from "next-intl/server";

export default async function HomePage() {
  const t = await getTranslations("app");
  return (
    <main className="mx-auto max-w-3xl p-10">
      <h1 className="text-3xl font-semibold">{t("name")}</h1>
      <p className="mt-2 text-gray-600">{t("tagline")}</p>
    </main>
  );
}
