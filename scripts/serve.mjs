// The production HTTP server: Next.js (the build in .next, as `next start` serves it) behind a
// plain node:http server that adds what `next start` cannot do:
//   - the client's socket address, passed to the app in the x-caseboard-socket-address header
//     (always overwritten, so a client cannot set it); lib/auth/client-address.ts combines it with
//     X-Forwarded-For and TRUSTED_PROXY_COUNT for the per-address sign-in limit;
//   - methods Next does not serve (TRACE, CONNECT...) answer 405 instead of Next's 500;
//   - SIGTERM/SIGINT drain: stop accepting (after half a second that empties the accept queue),
//     answer every request already sent (connections whose request has not been read yet are kept
//     until it is; every answer says Connection: close), run the app's shutdown hooks (database
//     pool, worker threads), exit 0 within 30 s. Live event streams never end by themselves: the
//     app's "draining" hooks run at the signal and close them at once with a reconnect hint
//     (lib/live/hub.ts), so open case pages do not hold the drain (docs/runtime.md).
// Plain JavaScript, so it runs without tsx (npm start, the Docker image).
//   node scripts/serve.mjs            PORT, HOSTNAME from the environment
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? undefined;
const ALLOWED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const DRAIN_LIMIT_MS = 25_000; // below the usual 30 s grace period (docker compose stop_grace_period)
const IDLE_GRACE_MS = 1_000;
const ACCEPT_GRACE_MS = 500; // how long an idle keep-alive connection may still send its request

// The app trusts x-caseboard-socket-address only when this server runs it (lib/auth/client-address.ts).
globalThis[Symbol.for("caseboard.server")] = { socketHeader: "x-caseboard-socket-address" };
// Shutdown hooks the app registers (lib/db/client.ts closes its pool, lib/workers/pool.ts its workers).
const hooks = (globalThis[Symbol.for("caseboard.shutdown")] ??= new Set());
// Hooks run at the signal, before the drain (lib/live/hub.ts ends its event streams).
const drainingHooks = (globalThis[Symbol.for("caseboard.draining")] ??= new Set());

// The standalone build (Docker) has no next.config.js: its config is in the build.
const standaloneConfig = path.join(root, ".next/required-server-files.json");
const conf =
  !existsSync(path.join(root, "next.config.js")) && existsSync(standaloneConfig)
    ? JSON.parse(readFileSync(standaloneConfig, "utf8")).config
    : undefined;
if (conf) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);

const app = next({ dev: false, dir: root, hostname, port, ...(conf ? { conf } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

let draining = false;
const active = new Map(); // socket -> requests in progress on it
const lastSeen = new Map(); // socket -> when its last request ended (or it connected)

const server = http.createServer((req, res) => {
  const socket = req.socket;
  active.set(socket, (active.get(socket) ?? 0) + 1);
  res.on("close", () => {
    active.set(socket, Math.max(0, (active.get(socket) ?? 1) - 1));
    lastSeen.set(socket, Date.now());
  });
  if (draining) res.setHeader("connection", "close");
  if (!ALLOWED_METHODS.has(req.method ?? "")) {
    res.writeHead(405, {
      allow: [...ALLOWED_METHODS].join(", "),
      "content-type": "application/json; charset=utf-8",
      connection: "close",
    });
    res.end(JSON.stringify({ error: { code: "method_not_allowed", message: `${req.method} is not supported` } }));
    return;
  }
  req.headers["x-caseboard-socket-address"] = socket.remoteAddress ?? "unknown";
  handle(req, res).catch((error) => {
    console.error(
      JSON.stringify({ event: "request-failed", method: req.method, message: String(error?.message ?? error) }),
    );
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
server.on("connection", (socket) => {
  active.set(socket, 0);
  lastSeen.set(socket, Date.now());
  socket.on("close", () => {
    active.delete(socket);
    lastSeen.delete(socket);
  });
});
server.on("clientError", (error, socket) => {
  if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
  else socket.destroy();
});

server.listen(port, hostname, () => {
  console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`);
});

async function drain(signal) {
  if (draining) return;
  draining = true;
  const started = Date.now();
  console.log(JSON.stringify({ event: "shutdown", signal, openConnections: active.size }));
  for (const hook of drainingHooks) {
    try {
      await hook();
    } catch (error) {
      console.error(error);
    }
  }
  // Connections a client opened just before the signal may still wait in the kernel's accept queue,
  // and closing the listener resets them: accept for a short moment more (every answer now says
  // Connection: close), then stop accepting. net.Server's close, because http.Server's own would
  // also drop idle keep-alive connections at once, among them those whose request is sent but not
  // read yet.
  await new Promise((resolve) => setTimeout(resolve, ACCEPT_GRACE_MS));
  const closed = new Promise((resolve) => stopAccepting(resolve));
  // Every connection finishes its requests and then closes; one that stays idle for the grace
  // period after the signal (and after its last answer) is closed by us.
  while (Date.now() - started < DRAIN_LIMIT_MS) {
    const now = Date.now();
    for (const [socket, n] of active) {
      if (n === 0 && now - started >= IDLE_GRACE_MS && now - (lastSeen.get(socket) ?? 0) >= IDLE_GRACE_MS) socket.end();
    }
    if (active.size === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const socket of active.keys()) socket.destroy();
  await closed;
  await app.close().catch((error) => console.error(error));
  await Promise.allSettled([...hooks].map((hook) => hook()));
  console.log(JSON.stringify({ event: "shutdown-complete", ms: Date.now() - started }));
  process.exit(0);
}

function stopAccepting(done) {
  Object.getPrototypeOf(http.Server.prototype).close.call(server, () => done());
}

process.on("SIGTERM", () => void drain("SIGTERM"));
process.on("SIGINT", () => void drain("SIGINT"));
