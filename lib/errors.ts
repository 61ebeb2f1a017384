// Two kinds of error (docs/architecture.md#errors): an expected AppError, whose message the user may see and whose
// code maps to an HTTP status, and everything else, which is logged and answered generically.

export type AppErrorCode =
  | "validation" // 422: input failed its schema; fieldErrors name the paths
  | "bad_request" // 400
  | "unauthorized" // 401: not signed in / no valid token
  | "forbidden" // 403: signed in, but the role does not allow it (only where existence is not secret)
  | "not_found" // 404: missing OR not visible to this actor (existence never leaks)
  | "conflict" // 409: stale version or unique clash
  | "payload_too_large" // 413
  | "rate_limited" // 429
  | "unavailable"; // 503: database unreachable

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  validation: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldError[];
  readonly details?: unknown;

  constructor(code: AppErrorCode, message: string, options?: { fieldErrors?: FieldError[]; details?: unknown }) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
    this.details = options?.details;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

// Where a spreadsheet would answer #NUM! or #DIV/0!, the finance functions throw this.
export class FinanceError extends Error {
  readonly reason: string;
  constructor(reason: string, message?: string) {
    super(message ?? reason);
    this.name = "FinanceError";
    this.reason = reason;
  }
}

// The uniform result of actions and services (docs/architecture.md#errors).
export type Result<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode | "internal";
      message: string;
      fieldErrors?: FieldError[];
      currentVersion?: number;
    };
