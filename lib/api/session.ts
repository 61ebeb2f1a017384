// The signed-in user behind a request's session cookie, or null: lib/auth's request reader (JWT +
// the server-side session row). One function, so tests can stand in for the cookie.
import "server-only";
import { getUserIdFromRequest } from "@/lib/auth/session";

export async function readSessionUserId(request: Request): Promise<string | null> {
  return getUserIdFromRequest(request);
}
