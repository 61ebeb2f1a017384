import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/ui/language-switcher";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("auth");
  return (
    <div className="flex min-h-screen flex-col">
      <div className="flex justify-end p-4">
        <LanguageSwitcher />
      </div>
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-6 pb-24">
        <p className="mb-1 text-2xl font-semibold tracking-tight text-gray-900">Caseboard</p>
        <p className="mb-8 text-sm text-gray-600">{t("tagline")}</p>
        {children}
      </main>
    </div>
  );
}
