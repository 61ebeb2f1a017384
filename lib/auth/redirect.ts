// callbackUrl handling: only paths on our own origin. "//evil.com", "/\\evil.com", other origins,
// schemes and junk all fall back to the workspace list; nothing here can throw.
export const DEFAULT_AFTER_SIGN_IN = "/w";

export function safeCallbackPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  try {
    const base = new URL(origin);
    const target = new URL(value, base);
    if (target.origin !== base.origin) return DEFAULT_AFTER_SIGN_IN;
    if (!value.startsWith("/") && !value.startsWith(base.origin)) return DEFAULT_AFTER_SIGN_IN;
    if (/^\/[\\/]/.test(value) || /[\u0000-\u001f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
}
