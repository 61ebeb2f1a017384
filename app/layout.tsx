import type { Metadata } from "next";
import localFont from "next/font/local";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";

// Inter from an npm package: nothing is fetched at build or run time.
const inter = localFont({
  src: [
    { path: "../node_modules/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf", weight: "400" },
    { path: "../node_modules/@expo-google-fonts/inter/500Medium/Inter_500Medium.ttf", weight: "500" },
    { path: "../node_modules/@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf", weight: "600" },
    { path: "../node_modules/@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf", weight: "700" },
  ],
  variable: "--font-inter",
  display: "swap",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} className={inter.variable}>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
