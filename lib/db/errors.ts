// Database errors, mapped once: Prisma's expected failures and PostgreSQL's refusals become domain
// errors (AppError), an unreachable or restarting database becomes "unavailable" (503); anything
// else passes through untouched and is logged as a 500 by whoever answers.
import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "./generated/client";

const UNAVAILABLE = "the database is unavailable; try again shortly";

export function mapDbError(error: unknown): unknown {
  const mapped = mapOnce(error);
  // The database's own words stay with the domain error, for the log line of a 503.
  if (mapped !== error && mapped instanceof AppError && error instanceof Error)
    Object.defineProperty(mapped, "cause", { value: error, enumerable: false });
  return mapped;
}

function mapOnce(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return new AppError("conflict", "this already exists (a unique value is taken)");
    if (error.code === "P2025" || error.code === "P2003") return new AppError("not_found", "not found");
    if (
      error.code === "P2024" ||
      error.code === "P1001" ||
      error.code === "P1002" ||
      error.code === "P1017" ||
      error.code === "P2028"
    ) {
      return new AppError("unavailable", UNAVAILABLE);
    }
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return new AppError("unavailable", UNAVAILABLE);
  if (isConnectionFailure(error)) return new AppError("unavailable", UNAVAILABLE);
  if (isCheckViolation(error)) return new AppError("validation", "a value is outside what the database accepts");
  if (isRefusedText(error))
    return new AppError(
      "validation",
      "a text value contains a character the database does not accept (such as a NUL byte)",
    );
  return error;
}

function errorText(error: unknown, depth = 0): string {
  if (!error || typeof error !== "object" || depth > 5) return "";
  const e = error as { message?: string; code?: string; cause?: unknown; originalCode?: string };
  return `${e.code ?? ""} ${e.originalCode ?? ""} ${e.message ?? ""} ${e.cause ? errorText(e.cause, depth + 1) : ""}`;
}

// pg's own messages for a connection that broke (its socket closed, the server restarted: 57P01
// admin shutdown, 57P03 cannot connect now), and the pool's for one it could not open in time.
export function isConnectionFailure(error: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Client was closed and is not queryable|terminating connection|DatabaseNotReachable|57P01|57P02|57P03|08006|08003|08001|Unable to start a transaction|Transaction already closed|Transaction API error/i.test(
    errorText(error),
  );
}

function isCheckViolation(error: unknown): boolean {
  return /23514|check constraint|22003|numeric field overflow|out of range for type/i.test(errorText(error));
}

// Input validation refuses these first (lib/validation/text.ts); this is the net behind it:
// 22021 (a NUL byte in text), 22P05 (untranslatable character), 22P02 (malformed uuid or number).
function isRefusedText(error: unknown): boolean {
  return /\b22021\b|\b22P05\b|\b22P02\b|invalid byte sequence|unsupported Unicode escape|invalid input syntax/i.test(
    errorText(error),
  );
}

// Runs a read and maps database failures the same way writes do.
export async function readDb<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw mapDbError(error);
  }
}
