// A short in-process cache of who a request is: API token hash -> Actor (or "no such token") and
// session id + user -> valid, so a request does not need a database round trip to authenticate.
//
// Safe because every access change reaches this cache at once: revocations, sign-outs, role
// changes and removals are announced over PostgreSQL NOTIFY (access-events.ts) and the instance's
// one LISTEN connection (lib/live/hub.ts) clears the cache when one arrives; the instance that made
// the change clears it itself after the commit. While that connection is not listening (startup,
// reconnecting, stopped) the cache is bypassed: every request reads the database, nothing is kept.
// A read that raced an invalidation is not stored (a generation counter), and every entry lives at
// most AUTH_CACHE_TTL_MS, so a missed notification cannot keep anything stale for longer.
//
// The same connection keeps two more answers true (for a cached read without a database
// round trip): a case's workspace, version and tracking revision (forgotten on every change of
// that case: the case-event NOTIFY, and the writing instance itself after its commit) and a
// user's role in a workspace (only roles, never "not a member", so an invitation accepted
// elsewhere is seen at once; cleared with everything else on any access event).
import "server-only";
import type { Actor, Role } from "./access";

export interface CaseState {
  workspaceId: string;
  version: number;
  trackingRevision: number;
}

export const AUTH_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  expires: number;
}

export class AuthCache {
  private listening = false;
  private generation = 0;
  private readonly tokens = new Map<string, Entry<(Actor & { kind: "token" }) | null>>();
  private readonly sessions = new Map<string, Entry<number>>(); // expiry (0: not valid)
  private readonly cases = new Map<string, Entry<CaseState | null>>();
  private readonly roles = new Map<string, Entry<Role | null>>();
  // Counters for tests and diagnostics.
  hits = 0;
  misses = 0;

  // Who keeps this cache true: the LISTEN connection (lib/live/hub.ts) registers itself when it is
  // loaded, and authentication asks for it on every request (wantListening), so the connection is
  // up while requests come. Registered here, not imported, so lib/auth needs nothing of lib/live.
  private startListening: (() => void) | null = null;
  setListenerStarter(start: () => void): void {
    this.startListening = start;
  }
  wantListening(): void {
    this.startListening?.();
  }

  // Set by the LISTEN connection: true once it listens on the access channel, false when lost.
  setListening(on: boolean): void {
    this.listening = on;
    this.clear();
  }

  get isListening(): boolean {
    return this.listening;
  }

  // Any access change: forget everything (they are rare; entries are cheap to refill).
  clear(): void {
    this.generation++;
    this.tokens.clear();
    this.sessions.clear();
    this.cases.clear();
    this.roles.clear();
  }

  // A change of one case (its NOTIFY, or this instance's own commit): its state is read again.
  forgetCase(caseId: string): void {
    this.generation++;
    this.cases.delete(caseId);
  }

  // The cached value of `key`, or what `load` reads from the database (stored only when it is
  // safe: listening before and after the read, and no invalidation in between).
  private async through<T>(
    map: Map<string, Entry<T>>,
    key: string,
    load: () => Promise<T>,
    ttl: (value: T) => number,
  ): Promise<T> {
    const now = Date.now();
    if (this.listening) {
      const hit = map.get(key);
      if (hit && hit.expires > now) {
        this.hits++;
        return hit.value;
      }
      if (hit) map.delete(key);
    }
    this.misses++;
    const generation = this.generation;
    const wasListening = this.listening;
    const value = await load();
    if (wasListening && this.listening && generation === this.generation) {
      const life = Math.min(AUTH_CACHE_TTL_MS, ttl(value));
      if (life > 0) {
        if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
        map.set(key, { value, expires: Date.now() + life });
      }
    }
    return value;
  }

  token(
    tokenHash: string,
    load: () => Promise<(Actor & { kind: "token" }) | null>,
  ): Promise<(Actor & { kind: "token" }) | null> {
    return this.through(this.tokens, tokenHash, load, () => AUTH_CACHE_TTL_MS);
  }

  // A case's workspace, version and tracking revision (null: no such case; not kept).
  caseState(caseId: string, load: () => Promise<CaseState | null>): Promise<CaseState | null> {
    return this.through(this.cases, caseId, load, (v) => (v ? AUTH_CACHE_TTL_MS : 0));
  }

  // A user's role in a workspace (null: not a member; not kept).
  role(userId: string, workspaceId: string, load: () => Promise<Role | null>): Promise<Role | null> {
    return this.through(this.roles, `${userId}:${workspaceId}`, load, (v) => (v ? AUTH_CACHE_TTL_MS : 0));
  }

  // `load` answers the session's expiry (null when it is not valid); cached no longer than it.
  async session(sessionId: string, userId: string, load: () => Promise<Date | null>): Promise<boolean> {
    const until = await this.through(
      this.sessions,
      `${sessionId}:${userId}`,
      async () => (await load())?.getTime() ?? 0,
      (t) => (t ? t - Date.now() : AUTH_CACHE_TTL_MS),
    );
    return until > Date.now();
  }
}

// One cache per process (Next may load this module once per route bundle).
const globalForCache = globalThis as unknown as { caseboardAuthCache?: AuthCache };
export function authCache(): AuthCache {
  globalForCache.caseboardAuthCache ??= new AuthCache();
  return globalForCache.caseboardAuthCache;
}
