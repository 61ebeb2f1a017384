import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { fr, no, sv, zhCN } from "zod/v4/locales";
import { AppError, type Result } from "@/lib/errors";

// zod's own translations of its standard messages (too small, too big, wrong type...) in the
// user's language. Messages our schemas write themselves (code "custom") stay as written.
const ZOD_LOCALES: Record<string, () => { localeError: z.core.$ZodErrorMap }> = { sv, nb: no, fr, zh: zhCN };

export function localizeIssues(error: z.ZodError, locale: string): { path: string; message: string }[] {
  const map = ZOD_LOCALES[locale]?.().localeError;
  return error.issues.map((i) => {
    let message = i.message;
    if (map && i.code !== "custom") {
      const local = map(i as unknown as z.core.$ZodRawIssue);
      if (typeof local === "string") message = local;
      else if (local && typeof local.message === "string") message = local.message;
    }
    return { path: i.path.join("."), message };
  });
}

// The uniform wrapper of every server action: expected errors become a result the form shows,
// anything else is logged and answered generically (docs/architecture.md#errors).
export async function runAction<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof z.ZodError) {
      const t = await getTranslations("common").catch(() => null);
      return {
        ok: false,
        code: "validation",
        message: t ? t("checkFields") : "Check the highlighted fields.",
        fieldErrors: localizeIssues(error, await getLocale().catch(() => "en")),
      };
    }
    if (error instanceof AppError) {
      // A stale write (409) names the case's current version, so the form can show what changed
      // since the version it was based on (changesSinceAction) and keep what the user typed.
      const current = (error.details as { currentVersion?: unknown } | undefined)?.currentVersion;
      return {
        ok: false,
        code: error.code,
        message: error.message,
        fieldErrors: error.fieldErrors,
        ...(typeof current === "number" ? { currentVersion: current } : {}),
      };
    }
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) throw error;
    console.error(error);
    return { ok: false, code: "internal", message: "Something went wrong on our side. Try again." };
  }
}
