// The live hub of one app instance: ONE PostgreSQL connection that LISTENs (a dedicated pg.Client,
// reconnecting with backoff) fanned out to every event stream this instance holds.
//
//   channels   caseboard_case_events    every committed change (lib/db/case-events.ts)
//              caseboard_access_events  role changes, removals, token revocations (lib/db/access-events.ts)
//              caseboard_presence       who has which case open, on which tab (this file)
//
// The same connection keeps the auth cache (lib/db/auth-cache.ts) true: it is marked listening only
// while LISTEN holds, cleared on every access event, and bypassed whenever the connection is down.
// Once something authenticates (keepListening), the connection is kept up even with no streams.
//
// Presence is shared across instances through NOTIFY as well: a stream announces itself when it
// opens ("join") and closes ("leave"); every instance re-announces its streams with each heartbeat
// ("here", every 15 s) and when another instance reports a join, and forgets entries not
// re-announced within 40 s (an instance that died).
//
// Bounded: LIVE_MAX_STREAMS_PER_USER (default 10) streams per user or token and LIVE_MAX_STREAMS
// (default 1000) per instance; beyond them opening a stream answers 429 / 503 with Retry-After.
//
// Shutdown (docs/runtime.md): when the server starts draining (scripts/serve.mjs runs the
// "caseboard.draining" hooks at SIGTERM), every stream gets a short `retry:` and a `reconnect`
// event and is closed at once; a stream opened after that gets the same at once. The browser
// reconnects (through the load balancer, to another instance) with Last-Event-ID and the replay
// fills the gap, so the drain is not held up by streams that never end by themselves.
import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Actor } from "@/lib/db/access";
import { ACCESS_EVENTS_CHANNEL, parseAccessChange, type AccessChangeEvent } from "@/lib/db/access-events";
import { authCache, type AuthCache } from "@/lib/db/auth-cache";
import { CASE_EVENTS_CHANNEL, parseCaseChange, type CaseChangeEvent } from "@/lib/db/case-events";
import { canStillListen } from "@/lib/db/live-access";
import { getDatabaseUrl, readEnv } from "@/lib/env";

export const PRESENCE_CHANNEL = "caseboard_presence";
export const HEARTBEAT_MS = 15_000;
const PRESENCE_TTL_MS = 40_000;
// How soon a client whose stream ends for a shutdown tries again (SSE `retry:`, milliseconds).
export const HANDOFF_RETRY_MS = 250;

export interface LiveStream {
  id: string;
  caseId: string;
  workspaceId: string;
  actor: Actor;
  userId: string | null;
  name: string | null;
  tab: string;
  lastEventId: string;
  // Writes one SSE frame; false when the stream is gone.
  write: (frame: string) => boolean;
  end: () => void;
}

interface PresenceEntry {
  userId: string;
  name: string;
  tab: string;
  expires: number;
}

interface PresenceMessage {
  type: "join" | "here" | "leave";
  instance: string;
  conn: string;
  caseId: string;
  userId?: string;
  name?: string;
  tab?: string;
}

export function sseFrame(event: string | null, data: unknown, id?: string): string {
  let frame = "";
  if (id !== undefined) frame += `id: ${id}\n`;
  if (event) frame += `event: ${event}\n`;
  frame += `data: ${JSON.stringify(data)}\n\n`;
  return frame;
}

export class LimitError extends Error {
  constructor(
    readonly status: 429 | 503,
    message: string,
  ) {
    super(message);
  }
}

const ownerKey = (actor: Actor) => (actor.kind === "user" ? `user:${actor.userId}` : `token:${actor.tokenId}`);

export class LiveHub {
  readonly instance = randomUUID();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private backoffMs = 500;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly byCase = new Map<string, Set<LiveStream>>();
  private readonly byOwner = new Map<string, number>();
  private readonly presence = new Map<string, Map<string, PresenceEntry>>();
  private readonly presenceReplyTimers = new Map<string, NodeJS.Timeout>();
  private total = 0;
  private stopped = false;
  private handingOff = false;

  private keepAlive = false;

  constructor(
    private readonly connectionString: () => string = getDatabaseUrl,
    private readonly cache: AuthCache = authCache(),
  ) {}

  // Asked by authentication: keep listening (so the auth cache may be used); connects if needed.
  keepListening(): void {
    if (this.keepAlive || this.stopped) return;
    this.keepAlive = true;
    if (!this.client) this.connect().catch(() => {});
  }

  private get wanted(): boolean {
    return !this.stopped && (this.total > 0 || this.keepAlive);
  }

  get streamCount(): number {
    return this.total;
  }

  limits() {
    const env = readEnv();
    return { perUser: env.LIVE_MAX_STREAMS_PER_USER ?? 10, total: env.LIVE_MAX_STREAMS ?? 1000 };
  }

  // Reserves a place for a new stream of this actor, or throws LimitError.
  reserve(actor: Actor): () => void {
    const { perUser, total } = this.limits();
    if (this.total >= total)
      throw new LimitError(503, `this server holds its maximum of ${total} live streams; try again shortly`);
    const key = ownerKey(actor);
    const mine = this.byOwner.get(key) ?? 0;
    if (mine >= perUser) throw new LimitError(429, `at most ${perUser} live streams per user; close another tab first`);
    this.byOwner.set(key, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.byOwner.get(key) ?? 1) - 1;
      if (n <= 0) this.byOwner.delete(key);
      else this.byOwner.set(key, n);
    };
  }

  // Waits until this instance is listening (so nothing committed after the stream opened is missed).
  async ready(): Promise<void> {
    if (this.client) return;
    await this.connect();
  }

  add(stream: LiveStream): void {
    if (this.handingOff) return this.handOffStream(stream);
    let set = this.byCase.get(stream.caseId);
    if (!set) this.byCase.set(stream.caseId, (set = new Set()));
    set.add(stream);
    this.startHeartbeat();
    if (stream.userId && stream.name) {
      this.applyPresence({
        type: "join",
        instance: this.instance,
        conn: stream.id,
        caseId: stream.caseId,
        userId: stream.userId,
        name: stream.name,
        tab: stream.tab,
      });
      void this.publishPresence({
        type: "join",
        instance: this.instance,
        conn: stream.id,
        caseId: stream.caseId,
        userId: stream.userId,
        name: stream.name,
        tab: stream.tab,
      });
    } else {
      stream.write(sseFrame("presence", this.presenceOf(stream.caseId), stream.lastEventId));
    }
  }

  remove(stream: LiveStream): void {
    const set = this.byCase.get(stream.caseId);
    if (!set?.delete(stream)) return;
    if (!set.size) this.byCase.delete(stream.caseId);
    if (stream.userId) {
      this.applyPresence({ type: "leave", instance: this.instance, conn: stream.id, caseId: stream.caseId });
      void this.publishPresence({ type: "leave", instance: this.instance, conn: stream.id, caseId: stream.caseId });
    }
    // The streams held, not the places reserved: a stream's place is released after its removal.
    if (!this.byCase.size) this.stopHeartbeat();
  }

  get heartbeatRunning(): boolean {
    return this.heartbeat !== null;
  }

  // The server is shutting down: every stream is told to reconnect (elsewhere) and closed now, and
  // so is any stream opened from now on. Presence "leave"s go out while the connection still holds.
  handOff(): void {
    if (this.handingOff) return;
    this.handingOff = true;
    for (const set of [...this.byCase.values()]) for (const s of [...set]) this.handOffStream(s);
  }

  private handOffStream(s: LiveStream) {
    s.write(`retry: ${HANDOFF_RETRY_MS}\n\n`);
    s.write(sseFrame("reconnect", { reason: "shutdown" }, s.lastEventId));
    this.remove(s);
    s.end();
  }

  presenceOf(caseId: string): { users: { id: string; name: string; tabs: string[] }[] } {
    const now = Date.now();
    const users = new Map<string, { id: string; name: string; tabs: string[] }>();
    for (const e of this.presence.get(caseId)?.values() ?? []) {
      if (e.expires < now) continue;
      const u = users.get(e.userId) ?? { id: e.userId, name: e.name, tabs: [] };
      if (!u.tabs.includes(e.tab)) u.tabs.push(e.tab);
      users.set(e.userId, u);
    }
    return { users: [...users.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  }

  // --- the LISTEN connection -------------------------------------------------------------------
  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString(),
        connectionTimeoutMillis: 5_000,
        keepAlive: true,
      });
      client.on("error", (error) => this.lost(client, error));
      client.on("end", () => this.lost(client, null));
      client.on("notification", (msg) => this.onNotification(msg.channel, msg.payload ?? ""));
      try {
        await client.connect();
        await client.query(
          `LISTEN ${CASE_EVENTS_CHANNEL}; LISTEN ${ACCESS_EVENTS_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`,
        );
      } catch (error) {
        client.removeAllListeners();
        client.on("error", () => {});
        await client.end().catch(() => {});
        this.connecting = null;
        this.scheduleReconnect();
        throw error;
      }
      const wasLost = this.backoffMs > 500 || this.everConnected;
      this.client = client;
      this.cache.setListening(true);
      this.everConnected = true;
      this.backoffMs = 500;
      this.connecting = null;
      // Changes may have been missed while the connection was down: every stream refreshes.
      if (wasLost) this.broadcastResync();
      this.reannounceAll();
    })();
    return this.connecting;
  }

  private everConnected = false;

  private lost(client: pg.Client, error: Error | null) {
    if (this.client !== client && this.client !== null) return;
    if (this.client === client) {
      this.client = null;
      this.cache.setListening(false);
      console.error(JSON.stringify({ event: "live-listen-lost", message: error?.message ?? "connection ended" }));
      client.removeAllListeners("notification");
      client.end().catch(() => {});
    }
    if (this.wanted) this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.reconnectTimer || this.stopped) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.wanted && !this.client) this.connect().catch(() => {});
    }, wait);
    this.reconnectTimer.unref?.();
  }

  private broadcastResync() {
    for (const set of this.byCase.values())
      for (const s of set)
        s.write(sseFrame("change", { version: null, kind: "resync", actor: null, door: null }, s.lastEventId));
  }

  private onNotification(channel: string, payload: string) {
    if (channel === CASE_EVENTS_CHANNEL) {
      const event = parseCaseChange(payload);
      if (event) this.onCaseChange(event);
    } else if (channel === ACCESS_EVENTS_CHANNEL) {
      const event = parseAccessChange(payload);
      if (event) void this.onAccessChange(event);
    } else if (channel === PRESENCE_CHANNEL) {
      try {
        const msg = JSON.parse(payload) as PresenceMessage;
        if (msg.instance !== this.instance && typeof msg.caseId === "string") {
          this.applyPresence(msg);
          // A stream opened elsewhere: tell it who is here, soon (once per burst).
          if (msg.type === "join" && this.byCase.has(msg.caseId)) this.replyPresence(msg.caseId);
        }
      } catch {
        // not ours
      }
    }
  }

  private onCaseChange(event: CaseChangeEvent) {
    this.cache.forgetCase(event.caseId);
    const set = this.byCase.get(event.caseId);
    if (!set) return;
    const data = {
      version: event.version,
      kind: event.kind,
      actor: event.actor,
      door: event.door,
      entityType: event.entityType,
      entityId: event.entityId,
      at: event.at,
    };
    for (const s of set) {
      if (event.auditId) s.lastEventId = event.auditId;
      s.write(sseFrame("change", data, s.lastEventId));
    }
    if (event.kind === "case.delete") for (const s of [...set]) this.endStream(s, "deleted");
  }

  private async onAccessChange(event: AccessChangeEvent) {
    this.cache.clear();
    if (!event.workspaceId) return; // a session signed out: its streams end with their next check
    const affected: LiveStream[] = [];
    for (const set of this.byCase.values())
      for (const s of set) {
        if (s.workspaceId !== event.workspaceId) continue;
        if (event.userId && !(s.actor.kind === "user" && s.actor.userId === event.userId)) continue;
        if (event.tokenId && !(s.actor.kind === "token" && s.actor.tokenId === event.tokenId)) continue;
        affected.push(s);
      }
    for (const s of affected) {
      // Fails closed: when the database cannot say the actor may still listen, the stream ends
      // ("revoked"; the client may open a new one, which checks access afresh).
      const ok = await canStillListen(s.actor, s.caseId).catch((error: unknown) => {
        console.error(
          JSON.stringify({
            event: "live-access-check-failed",
            message: error instanceof Error ? error.message : String(error),
          }),
        );
        return false;
      });
      if (!ok) this.endStream(s, "revoked");
    }
  }

  private endStream(s: LiveStream, reason: string) {
    s.write(sseFrame("end", { reason }, s.lastEventId));
    this.remove(s);
    s.end();
  }

  // --- presence --------------------------------------------------------------------------------
  private applyPresence(msg: PresenceMessage) {
    let entries = this.presence.get(msg.caseId);
    const key = `${msg.instance}:${msg.conn}`;
    if (msg.type === "leave") {
      if (!entries?.delete(key)) return;
      if (!entries.size) this.presence.delete(msg.caseId);
    } else {
      if (!msg.userId || !msg.name) return;
      if (!entries) this.presence.set(msg.caseId, (entries = new Map()));
      const before = entries.get(key);
      entries.set(key, {
        userId: msg.userId,
        name: msg.name.slice(0, 120),
        tab: (msg.tab ?? "").slice(0, 40),
        expires: Date.now() + PRESENCE_TTL_MS,
      });
      if (before && before.tab === msg.tab && msg.type === "here") return; // nothing visible changed
    }
    this.sendPresence(msg.caseId);
  }

  private sendPresence(caseId: string) {
    const set = this.byCase.get(caseId);
    if (!set) return;
    const data = this.presenceOf(caseId);
    for (const s of set) s.write(sseFrame("presence", data, s.lastEventId));
  }

  private replyPresence(caseId: string) {
    if (this.presenceReplyTimers.has(caseId)) return;
    const timer = setTimeout(() => {
      this.presenceReplyTimers.delete(caseId);
      for (const s of this.byCase.get(caseId) ?? [])
        if (s.userId && s.name)
          void this.publishPresence({
            type: "here",
            instance: this.instance,
            conn: s.id,
            caseId,
            userId: s.userId,
            name: s.name,
            tab: s.tab,
          });
    }, 100);
    timer.unref?.();
    this.presenceReplyTimers.set(caseId, timer);
  }

  private reannounceAll() {
    for (const [caseId, set] of this.byCase)
      for (const s of set)
        if (s.userId && s.name)
          void this.publishPresence({
            type: "here",
            instance: this.instance,
            conn: s.id,
            caseId,
            userId: s.userId,
            name: s.name,
            tab: s.tab,
          });
  }

  private async publishPresence(msg: PresenceMessage) {
    const client = this.client;
    if (!client) return;
    try {
      await client.query("SELECT pg_notify($1, $2)", [PRESENCE_CHANNEL, JSON.stringify(msg)]);
    } catch {
      // the connection is being replaced; the next heartbeat re-announces
    }
  }

  // --- heartbeats ------------------------------------------------------------------------------
  private startHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private beat() {
    const now = Date.now();
    for (const set of this.byCase.values()) for (const s of [...set]) if (!s.write(`: ping ${now}\n\n`)) this.remove(s);
    this.reannounceAll();
    for (const [caseId, entries] of this.presence) {
      let changed = false;
      for (const [key, e] of entries)
        if (e.expires < now) {
          entries.delete(key);
          changed = true;
        }
      if (!entries.size) this.presence.delete(caseId);
      if (changed) this.sendPresence(caseId);
    }
    if (!this.client && this.total > 0) this.scheduleReconnect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopHeartbeat();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const set of this.byCase.values()) for (const s of [...set]) this.endStream(s, "shutdown");
    const c = this.client;
    this.client = null;
    this.cache.setListening(false);
    await c?.end().catch(() => {});
    if (globalForHub.caseboardLiveHub === this) delete globalForHub.caseboardLiveHub;
  }
}

// One hub per process (Next may load this module once per route bundle).
const globalForHub = globalThis as unknown as { caseboardLiveHub?: LiveHub };
export function liveHub(): LiveHub {
  if (!globalForHub.caseboardLiveHub) {
    const hub = new LiveHub();
    globalForHub.caseboardLiveHub = hub;
    // scripts/serve.mjs: "draining" hooks run at the signal, "shutdown" hooks after the last request.
    const hooks = (name: string) =>
      ((globalThis as Record<symbol, unknown>)[Symbol.for(name)] ??= new Set()) as Set<() => unknown>;
    hooks("caseboard.draining").add(() => hub.handOff());
    hooks("caseboard.shutdown").add(() => hub.stop());
  }
  return globalForHub.caseboardLiveHub;
}

// Authentication asks the auth cache for its connection (lib/auth/session.ts): this is it.
authCache().setListenerStarter(() => liveHub().keepListening());
