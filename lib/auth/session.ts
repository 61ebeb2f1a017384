import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/db/access";
import { isAuthSessionValid } from "@/lib/db/sessions";
import { getUserById, type UserDTO } from "@/lib/db/users";
import { authCache } from "@/lib/db/auth-cache";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

// The signed-in user, with the server-side session row checked (so sign-out and revocation
// take effect at once on every instance: the auth cache is cleared over LISTEN), or null.
export async function getCurrentUser(): Promise<UserDTO | null> {
  authCache().wantListening();
  const session = (await getServerSession(authOptions)) as { uid?: unknown; sid?: unknown } | null;
  if (!session || typeof session.uid !== "string" || typeof session.sid !== "string") return null;
  if (!(await isAuthSessionValid(session.sid, session.uid))) return null;
  return getUserById(session.uid);
}

// For pages: the user, or a redirect to sign-in that comes back here.
export async function requireUser(returnTo?: string): Promise<UserDTO> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  return user;
}

// For server actions: the actor, or an AppError (actions are public endpoints). Only the session
// cookie's token and the session row (the auth cache) are checked: every caller needs just the
// actor, so the user row is not read and next-auth's session handler does not run (the
// grid's edit is a server action on the hot path).
export async function requireActor(): Promise<{ actor: Actor }> {
  authCache().wantListening();
  const jar = await cookies();
  const userId = await userIdFromCookies(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])));
  if (!userId) throw new AppError("unauthorized", "Sign in again to continue.");
  return { actor: { kind: "user", userId } };
}

function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[name] = part.slice(i + 1).trim();
    }
  }
  return out;
}

// For route handlers given a plain Request: the user id behind its session cookie, or null.
export async function getUserIdFromRequest(request: Request): Promise<string | null> {
  const cookieHeader = request.headers.get("cookie");
  if (!cookieHeader) return null;
  return userIdFromCookies(parseCookies(cookieHeader));
}

// The session cookie's token decoded (next-auth's JWT, its expiry checked) and its server-side
// session still valid: the user id, else null.
async function userIdFromCookies(cookies: Record<string, string>): Promise<string | null> {
  const secureCookie = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const token = await getToken({
    req: { cookies, headers: {} } as never,
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie,
  }).catch(() => null);
  if (!token || typeof token.uid !== "string" || typeof token.sid !== "string") return null;
  return (await isAuthSessionValid(token.sid, token.uid)) ? token.uid : null;
}
