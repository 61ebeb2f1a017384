// Database failures map once (lib/db/errors.ts): whatever an outage throws, the answer is 503; a
// value PostgreSQL refuses is 422; anything else passes through (a 500 that is logged).
import { describe, expect, it } from "vitest";
import { mapDbError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";

const code = (e: unknown) => (e instanceof AppError ? e.code : "passed through");

describe("mapDbError", () => {
  it("maps every connection failure pg and Prisma report during an outage to unavailable", () => {
    for (const message of [
      "Client has encountered a connection error and is not queryable",
      "Client was closed and is not queryable",
      "Connection terminated unexpectedly",
      "terminating connection due to administrator command",
      "timeout exceeded when trying to connect",
      "connect ECONNREFUSED 127.0.0.1:5432",
    ]) {
      expect(code(mapDbError(new Error(message))), message).toBe("unavailable");
    }
    // Prisma's driver-adapter error carries PostgreSQL's code in its cause.
    const adapterError = Object.assign(new Error("Database error"), {
      cause: { code: "57P01", message: "terminating connection due to administrator command" },
    });
    expect(code(mapDbError(adapterError))).toBe("unavailable");
  });

  it("keeps the database's words as the cause, for the 503's log line", () => {
    const original = new Error("Client has encountered a connection error and is not queryable");
    expect((mapDbError(original) as AppError).cause).toBe(original);
  });

  it("maps values PostgreSQL refuses to validation, and leaves other errors alone", () => {
    expect(
      code(mapDbError(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" }))),
    ).toBe("validation");
    expect(code(mapDbError(new Error("value out of range for type bigint")))).toBe("validation");
    const other = new TypeError("x is not a function");
    expect(mapDbError(other)).toBe(other);
  });
});
