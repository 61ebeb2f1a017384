// The address a sign-in comes from, for the per-address limit (docs/architecture.md#reliability: a client cannot choose
// its own address). The server (scripts/serve.mjs) passes the socket's peer address in its own
// header, always overwritten; X-Forwarded-For is read only behind TRUSTED_PROXY_COUNT proxies we
// run ourselves, each of which appends the address it saw: the client is the entry that many
// places from the right of the chain "XFF entries..., socket address". Entries a client sent
// itself are further left and never chosen.
import "server-only";
import { readEnv } from "@/lib/env";

type Headers = Record<string, unknown> | undefined;

interface ServerMarker {
  socketHeader: string;
}

let warned = false;

function header(headers: Headers, name: string): string | undefined {
  const value = headers?.[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(", ");
  return undefined;
}

export function clientAddress(headers: Headers, trustedProxies = readEnv().TRUSTED_PROXY_COUNT ?? 0): string {
  const marker = (globalThis as Record<symbol, unknown>)[Symbol.for("caseboard.server")] as ServerMarker | undefined;
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (marker) {
    chain.push(header(headers, marker.socketHeader) ?? "unknown");
  } else if (!warned) {
    // Under a bare `next start` the socket address is not visible: Next copies it into
    // X-Forwarded-For only when the client sent none. Say so once; npm start and the image run serve.mjs.
    warned = true;
    console.warn(
      JSON.stringify({
        event: "client-address-unverified",
        message: "not run by scripts/serve.mjs: the sign-in address comes from X-Forwarded-For",
      }),
    );
  }
  if (chain.length === 0) return "unknown";
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}
