// The signed-in user behind a request's session cookie, or null.
// Delegates to lib/auth (helper-3's session handling); kept behind this one function so route
// handlers can be called with a plain Request (tests) as well as inside Next.
import "server-only";

export async function readSessionUserId(_request: Request): Promise<string | null> {
  // Wired to lib/auth once it exposes a request-based session reader.
  return null;
}
