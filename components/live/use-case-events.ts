"use client";
// The one subscription of a case page to its live events (GET /api/v1/cases/{caseId}/events,
// Server-Sent Events). EventSource reconnects by itself and sends Last-Event-ID, so the server
// replays what was missed. Whoever applies changes (LiveCase: the live case model's in-place read,
// and a refresh per burst for what only the server renders) does it through the callbacks here.
import { useEffect, useRef, useState } from "react";

export interface CaseChange {
  version: number | null;
  kind: string; // the audit action ("line.update", "comment.create", ...) or "resync"
  actor: { kind: "user" | "token" | "unknown"; id?: string } | null;
  door: "plan" | "tracking" | null;
  entityType?: string;
  entityId?: string;
  at?: string;
  replayed?: boolean;
}

export interface PresenceUser {
  id: string;
  name: string;
  tabs: string[];
}

export type LiveStatus = "connecting" | "live" | "offline" | "ended";

export function useCaseEvents(caseId: string, tab: string, handlers: { onChange?: (change: CaseChange) => void }) {
  const [presence, setPresence] = useState<PresenceUser[]>([]);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onChange = useRef(handlers.onChange);
  useEffect(() => {
    onChange.current = handlers.onChange;
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/v1/cases/${encodeURIComponent(caseId)}/events?tab=${encodeURIComponent(tab)}`);
    const read = <T>(e: Event): T | null => {
      try {
        return JSON.parse((e as MessageEvent<string>).data) as T;
      } catch {
        return null;
      }
    };
    source.addEventListener("ready", (e) => {
      setStatus("live");
      const data = read<{ presence: { users: PresenceUser[] } }>(e);
      if (data) setPresence(data.presence.users);
    });
    source.addEventListener("presence", (e) => {
      const data = read<{ users: PresenceUser[] }>(e);
      if (data) setPresence(data.users);
    });
    source.addEventListener("change", (e) => {
      const data = read<CaseChange>(e);
      if (data) onChange.current?.(data);
    });
    // The server is shutting down: it closes the stream and EventSource reconnects by itself (to
    // another instance behind the load balancer) with Last-Event-ID; nothing is missed.
    source.addEventListener("reconnect", () => setStatus("connecting"));
    source.addEventListener("end", () => {
      setStatus("ended");
      source.close();
    });
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => source.close();
  }, [caseId, tab]);

  return { presence, status };
}
