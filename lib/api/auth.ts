// Who is calling: a workspace API token (Authorization: Bearer cbt_...) or a signed-in user (the
// session cookie, via lib/auth). A Bearer header that does not authenticate is a 401, never a fall
// back to the cookie. Cookie-authenticated mutations must come from our own origin (CSRF).
import "server-only";
import type { Actor } from "@/lib/db/access";
import { authenticateApiToken } from "@/lib/db/api-tokens";
import { liveHub } from "@/lib/live/hub";
import { HttpError } from "./http";
import { readSessionUserId } from "./session";

export interface Caller {
  actor: Actor;
  via: "token" | "session";
}

// Tokens and sessions are answered from the auth cache while this instance's LISTEN connection
// holds (lib/db/auth-cache.ts); the first request starts that connection.
export async function authenticateRequest(request: Request): Promise<Caller> {
  liveHub().keepListening();
  const header = request.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const actor = m ? await authenticateApiToken(m[1]!) : null;
    if (!actor)
      throw new HttpError(401, "unauthorized", "the API token is not valid (or was revoked)", {
        headers: { "www-authenticate": 'Bearer realm="caseboard", error="invalid_token"' },
      });
    return { actor, via: "token" };
  }
  const userId = await readSessionUserId(request);
  if (!userId)
    throw new HttpError(401, "unauthorized", "sign in or send an API token (Authorization: Bearer ...)", {
      headers: { "www-authenticate": 'Bearer realm="caseboard"' },
    });
  return { actor: { kind: "user", userId }, via: "session" };
}

function allowedOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const configured = process.env.NEXTAUTH_URL ?? process.env.APP_URL;
  if (configured) {
    try {
      origins.add(new URL(configured).origin);
    } catch {
      // an invalid URL is reported by lib/env; it just allows nothing here
    }
  }
  try {
    origins.add(new URL(request.url).origin);
  } catch {
    // request.url is always absolute in Next; nothing to add otherwise
  }
  return origins;
}

// State-changing requests carried by the cookie must say where they come from, and it must be us.
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    if (site === "same-origin") return;
    throw new HttpError(403, "forbidden", "cross-site request refused: the Origin header is missing");
  }
  if (!allowedOrigins(request).has(origin))
    throw new HttpError(403, "forbidden", "cross-site request refused: the Origin does not match");
}
