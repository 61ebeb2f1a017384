// npm start's failures: one clear line, exit code 1, no stack trace (they happen before any build).
import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });

describe("npm start", () => {
  it("refuses a port in use with one line and exit code 1", async () => {
    const server = net.createServer().listen(0, "0.0.0.0");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = start({ PORT: String(port), DATABASE_URL: "postgresql://x:y@127.0.0.1:1/db" });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toEqual([`caseboard: port ${port} is already in use; stop what is using it or start on another port: PORT=3001 npm start`]);
    } finally {
      server.close();
    }
  });

  it("says the database is unreachable in one line and exits 1", async () => {
    const probe = net.createServer().listen(0, "0.0.0.0");
    await new Promise((r) => probe.once("listening", r));
    const free = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = start({ PORT: String(free), DATABASE_URL: "postgresql://x:y@127.0.0.1:1/db" });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^caseboard: cannot reach the database at 127\.0\.0\.1:1 .*check DATABASE_URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a PORT that is not a port number", () => {
    const r = start({ PORT: "eighty" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("caseboard: PORT=eighty is not a port number (1-65535)");
  });
});
