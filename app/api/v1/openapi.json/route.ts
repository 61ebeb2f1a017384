// The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas. Public.
import { buildOpenApiDocument } from "@/lib/api/openapi";

let cached: string | undefined;

export function GET(): Response {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return new Response(cached, {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
