import { AppError, type Result } from "@/lib/errors";
import { z } from "zod";

// The uniform wrapper of every server action: expected errors become a result the form shows,
// anything else is logged and answered generically (style.md §7, §8).
export async function runAction<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof z.ZodError) {
      return { ok: false, code: "validation", message: "Check the highlighted fields.", fieldErrors: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
    }
    if (error instanceof AppError) {
      // A stale write (409) names the case's current version, so the form can show what changed
      // since the version it was based on (changesSinceAction) and keep what the user typed.
      const current = (error.details as { currentVersion?: unknown } | undefined)?.currentVersion;
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, ...(typeof current === "number" ? { currentVersion: current } : {}) };
    }
    if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) throw error;
    console.error(error);
    return { ok: false, code: "internal", message: "Something went wrong on our side. Try again." };
  }
}
