// The HTTP vocabulary below the API layer: an error with its status, the ETag of a case version
// and a download's Content-Disposition. Services (downloads) and live streams use these without
// importing the HTTP layer (lib/api), which maps and sends them.
import type { FieldError } from "@/lib/errors";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fieldErrors?: FieldError[]; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function etag(version: number): string {
  return `"${version}"`;
}

// Content-Disposition with an ASCII fallback and the exact name as RFC 5987 `filename*`.
export function contentDisposition(fileName: string, kind: "attachment" | "inline" = "attachment"): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
