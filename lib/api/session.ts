// The signed-in user behind a request's session cookie, or null.
// Delegates to lib/auth's request-based session reader (JWT cookie + the server-side session
// row); kept behind this one function so route handlers can be called with a plain Request.
import "server-only";
import { getUserIdFromRequest } from "@/lib/auth/session";

export async function readSessionUserId(request: Request): Promise<string | null> {
  return getUserIdFromRequest(request);
}
