// The OpenAPI 3.1 document of /api/v1, generated from lib/api/operations.ts: the same zod schemas
// the handlers validate with (z.toJSONSchema, input side), so the document cannot disagree.
import "server-only";
import { z } from "zod";
import { OBJECT_ID_PARAMS } from "./http";
import { OPERATIONS, type Operation } from "./operations";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete out.$schema;
  return out;
}

const errorSchema: Json = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["validation", "not_found", "conflict"] },
        message: { type: "string" },
        fieldErrors: {
          type: "array",
          items: {
            type: "object",
            required: ["path", "message"],
            properties: { path: { type: "string" }, message: { type: "string" } },
          },
        },
        details: { description: "For 409: { currentVersion, current } with the case as it is now" },
      },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

// A line, risk, KPI or assumption is named by either of its ids (lib/db/object-ids.ts).
const objectIdDescription = (object: string) =>
  `The ${object}'s id or its stable id (\`id\` or \`stableId\` in the case's answer). A stable id is unique within its case; one found in several cases answers 409`;

function pathParameter(name: string): Json {
  if (name === "workspace") return { type: "string", description: "slug or id" };
  const object = OBJECT_ID_PARAMS[name];
  if (object) return { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$", description: objectIdDescription(object) };
  return { type: "string", format: "uuid" };
}

function parametersOf(op: Operation): Json[] {
  const params: Json[] = [];
  for (const m of op.path.matchAll(/\{([^}]+)\}/g)) {
    const name = m[1]!;
    const schema = pathParameter(name);
    params.push({
      name,
      in: "path",
      required: true,
      schema,
      ...(schema.description ? { description: schema.description } : {}),
    });
  }
  if (op.versioned) params.push({ $ref: "#/components/parameters/IfMatch" });
  if (op.query) {
    const q = schemaOf(op.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      params.push({ name, in: "query", required: (q.required ?? []).includes(name), schema });
  }
  return params;
}

// The simulate stream (hand-written: the shared JSON envelope does not apply to it). Each line of
// the NDJSON body is one of these objects; the last is a result or an error.
const decimalString = { type: "string", description: "a decimal number as a string" };
const nullableDecimal = {
  type: ["string", "null"],
  description: "a decimal number as a string, null when it does not exist",
};
const simulationResultSchema: Json = {
  type: "object",
  required: [
    "scenario",
    "iterations",
    "seed",
    "uncertainLines",
    "method",
    "npv",
    "roi",
    "probabilityNpvPositive",
    "histogram",
  ],
  properties: {
    scenario: { type: "string", description: "the scenario's key (the alternative in the incremental mode)" },
    baseline: {
      type: "string",
      description:
        "only in the incremental mode: the baseline's key; npv and roi are then alternative minus baseline, matching the case's headline",
    },
    iterations: { type: "integer" },
    seed: { type: "integer" },
    uncertainLines: {
      type: "integer",
      description: "lines with low/high values that were drawn (of both scenarios in the incremental mode)",
    },
    method: { type: "string" },
    npv: {
      type: "object",
      required: ["p10", "p50", "p90", "mean"],
      properties: { p10: decimalString, p50: decimalString, p90: decimalString, mean: decimalString },
    },
    roi: {
      type: "object",
      required: ["p10", "p50", "p90"],
      properties: { p10: nullableDecimal, p50: nullableDecimal, p90: nullableDecimal },
    },
    probabilityNpvPositive: decimalString,
    histogram: {
      type: "array",
      items: {
        type: "object",
        required: ["from", "to", "count"],
        properties: { from: decimalString, to: decimalString, count: { type: "integer" } },
      },
    },
  },
};
const simulationLineSchema: Json = {
  oneOf: [
    {
      type: "object",
      required: ["type", "phase", "done", "total"],
      properties: {
        type: { const: "progress" },
        phase: { enum: ["loaded", "sampling", "summarising"] },
        done: { type: "integer" },
        total: { type: "integer" },
      },
    },
    {
      type: "object",
      required: ["type", "data"],
      properties: { type: { const: "result" }, data: { $ref: "#/components/schemas/SimulationResult" } },
    },
    {
      type: "object",
      required: ["type", "error"],
      properties: {
        type: { const: "error" },
        error: {
          type: "object",
          required: ["code", "message"],
          properties: { code: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  ],
};

function operationObject(op: Operation): Json {
  const success = String(op.status ?? 200);
  const content =
    op.produces === "text/event-stream"
      ? {
          "text/event-stream": {
            schema: { type: "string" },
            example:
              'id: 42\nevent: change\ndata: {"version":8,"kind":"line.update","actor":{"kind":"user","id":"..."},"door":"plan"}\n\n',
          },
        }
      : op.produces && op.produces !== "application/json" && op.produces !== "application/x-ndjson"
        ? { [op.produces]: { schema: { type: "string", contentMediaType: op.produces } } }
        : op.id === "streamPortfolioFrontier"
          ? {
              "application/x-ndjson": {
                schema: {
                  type: "object",
                  required: ["type"],
                  properties: { type: { enum: ["point", "result", "error"] }, data: {}, error: {} },
                },
                example:
                  '{"type":"point","data":{"totalBudget":"0","budgets":{"2027":"0"},"totalNpv":"0","optimal":true,"chosen":false}}\n...\n{"type":"result","data":{...}}\n',
              },
            }
          : op.produces === "application/x-ndjson"
            ? {
                "application/x-ndjson": {
                  schema: { $ref: "#/components/schemas/SimulationStreamLine" },
                  example:
                    '{"type":"progress","phase":"loaded","done":0,"total":10000}\n{"type":"progress","phase":"sampling","done":1000,"total":10000}\n...\n{"type":"result","data":{...}}\n',
                },
              }
            : {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      data: {},
                      version: { type: "integer", description: "the case version after this request" },
                      compute: { description: "with ?include=compute" },
                    },
                  },
                },
              };
  const description =
    op.id === "streamPortfolioFrontier"
      ? "A stream of JSON objects, one per line (NDJSON): a point line per solved budget of the frontier as it fills, then one result line (the selection, the whole frontier, double-counting flags), or an error line (an infeasible input among them) once the stream has started. Bad input, access and roles answer with their status instead."
      : op.produces === "application/x-ndjson"
        ? "A stream of JSON objects, one per line (NDJSON; the schema is one line): progress lines as the run advances (phase loaded, then sampling once per chunk, then summarising), then one result line, or an error line if the run fails after the stream has started. Everything that can fail earlier (auth, validation, access, the work bound, too many runs) answers with its status instead."
        : "OK";
  // A JSON answer that is also a stream when asked (the workbook import's preview with progress).
  const streamed = op.alsoStreams
    ? { [op.alsoStreams.mediaType]: { schema: { type: "string" }, example: op.alsoStreams.example } }
    : {};
  const responses: Json = {
    [success]: {
      description: op.alsoStreams
        ? `${description}. ${op.alsoStreams.mediaType}: ${op.alsoStreams.description}`
        : description,
      content: { ...content, ...streamed },
      ...(op.versioned || op.id === "getCase"
        ? { headers: { ETag: { description: "the case version", schema: { type: "string" } } } }
        : {}),
    },
    "401": ref("Unauthorized"),
    "404": ref("NotFound"),
    "503": ref("Unavailable"),
  };
  if (op.role !== "viewer") responses["403"] = ref("Forbidden");
  if (op.body || op.query || op.versioned || op.upload) responses["422"] = ref("ValidationFailed");
  if (op.method !== "GET") {
    responses["400"] = ref("BadRequest");
    responses["413"] = ref("PayloadTooLarge");
  }
  if (op.produces === "application/x-ndjson" || op.produces === "text/event-stream")
    responses["429"] = ref("TooManyRequests");
  if (op.versioned) {
    responses["409"] = ref("Conflict");
    responses["428"] = ref("PreconditionRequired");
  }
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
    description: `Needs the ${op.role} role in the case's workspace.${op.versioned ? " Send the case version this change is based on in If-Match; a stale version answers 409 with the current case and changes nothing." : ""}`,
    parameters: parametersOf(op),
    ...(op.upload
      ? {
          requestBody: {
            required: true,
            description: `The file itself as the body, at most ${op.upload.maxBytes / 1024 / 1024} MB`,
            content: Object.fromEntries(
              op.upload.mediaTypes.map((t) => [t, { schema: { type: "string", contentMediaType: t } }]),
            ),
          },
        }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.safeParse({}).success,
            content: op.multipart
              ? {
                  "multipart/form-data": {
                    schema: {
                      ...schemaOf(op.body),
                      properties: {
                        ...((schemaOf(op.body) as { properties?: object }).properties ?? {}),
                        file: { type: "string", format: "binary" },
                      },
                    },
                  },
                }
              : { "application/json": { schema: schemaOf(op.body) } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(serverUrl = "/api/v1"): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op);
  }
  paths["/openapi.json"] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      tags: ["meta"],
      security: [],
      responses: {
        "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
      },
    },
  };
  const response = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Caseboard API",
      version: "1.0.0",
      description:
        "Business cases, scenarios, lines, risks, KPIs and assumptions. Authenticate with a workspace API token (Authorization: Bearer cbt_...) or the session cookie (mutations then need a same-origin Origin header). Money and rates are decimal strings. Every write names the case version it is based on in If-Match and answers the new version (body `version`, header ETag).",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [
      "cases",
      "scenarios",
      "lines",
      "risks",
      "kpis",
      "assumptions",
      "versions",
      "comments",
      "live",
      "notifications",
      "tokens",
      "sign-in",
      "templates",
      "portfolio",
      "workspaces",
      "meta",
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A workspace API token; it acts with its role in its own workspace only",
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      parameters: {
        IfMatch: {
          name: "If-Match",
          in: "header",
          required: true,
          description: 'The case version this write is based on, e.g. "12" (from ETag or `version`)',
          schema: { type: "string", pattern: '^(W/)?"?[1-9][0-9]*"?$' },
        },
      },
      schemas: {
        Error: errorSchema,
        SimulationResult: simulationResultSchema,
        SimulationStreamLine: simulationLineSchema,
      },
      responses: {
        BadRequest: response("The body is not JSON"),
        Unauthorized: response("No valid session or API token"),
        Forbidden: response("The role does not allow this, or a cross-site request"),
        NotFound: response("Not found, or not visible to the caller"),
        Conflict: response("The case has another version now; details.current holds it"),
        PayloadTooLarge: response("The body is larger than 1 MB"),
        ValidationFailed: response("The input is not valid; fieldErrors lists every problem with its path"),
        PreconditionRequired: response("If-Match is missing"),
        Unavailable: response("The database is unreachable; retry"),
        TooManyRequests: response("Too many simulations are running; retry in a moment"),
      },
    },
  };
}
