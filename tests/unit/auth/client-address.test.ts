// The sign-in limit's client address: the socket's peer, or the X-Forwarded-For entry appended by
// the nearest of TRUSTED_PROXY_COUNT proxies; never an entry the client wrote itself.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

const MARKER = Symbol.for("caseboard.server");
const g = globalThis as Record<symbol, unknown>;

describe("clientAddress under scripts/serve.mjs", () => {
  beforeEach(() => {
    g[MARKER] = { socketHeader: "x-caseboard-socket-address" };
  });
  afterEach(() => {
    delete g[MARKER];
  });

  it("is the socket address with no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ "x-caseboard-socket-address": "198.51.100.7" }, 0)).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4", "x-caseboard-socket-address": "198.51.100.7" }, 0)).toBe(
      "198.51.100.7",
    );
    expect(
      clientAddress(
        { "x-forwarded-for": "1.2.3.4, 5.6.7.8", "x-real-ip": "9.9.9.9", "x-caseboard-socket-address": "198.51.100.7" },
        0,
      ),
    ).toBe("198.51.100.7");
  });

  it("behind one proxy, is the entry that proxy appended (the last), not what the client sent before it", () => {
    // client sent "1.2.3.4"; our proxy (10.0.0.2) appended the client's real address 203.0.113.9.
    expect(
      clientAddress({ "x-forwarded-for": "1.2.3.4, 203.0.113.9", "x-caseboard-socket-address": "10.0.0.2" }, 1),
    ).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9", "x-caseboard-socket-address": "10.0.0.2" }, 1)).toBe(
      "203.0.113.9",
    );
  });

  it("behind two proxies, is the entry the outer one appended", () => {
    expect(
      clientAddress(
        { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.3", "x-caseboard-socket-address": "10.0.0.2" },
        2,
      ),
    ).toBe("203.0.113.9");
  });

  it("with fewer entries than trusted proxies, takes the leftmost (a request that bypassed a proxy)", () => {
    expect(clientAddress({ "x-caseboard-socket-address": "10.0.0.2" }, 2)).toBe("10.0.0.2");
  });
});

describe("clientAddress under a bare next start", () => {
  it("says once that the address is unverified", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7" }, 0)).toBe("198.51.100.7");
    clientAddress({ "x-forwarded-for": "198.51.100.7" }, 0);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe("TRUSTED_PROXY_COUNT", () => {
  it("is validated with the environment: a whole number of proxies, or unset", async () => {
    const { readEnv } = await import("@/lib/env");
    const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
    expect(readEnv(env({ TRUSTED_PROXY_COUNT: "2" })).TRUSTED_PROXY_COUNT).toBe(2);
    expect(readEnv(env({ TRUSTED_PROXY_COUNT: "" })).TRUSTED_PROXY_COUNT).toBeUndefined();
    expect(readEnv(env({})).TRUSTED_PROXY_COUNT).toBeUndefined();
    for (const bad of ["-1", "one", "1.5", "100"])
      expect(() => readEnv(env({ TRUSTED_PROXY_COUNT: bad })), bad).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
