import { z } from "zod";

// The environment, validated once. Every variable is documented in README.md and .env.example.
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  OIDC_ISSUER: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().optional(),
  // Sessions: an absolute lifetime, and an idle timeout (unset: none). docs/enterprise-sign-in.md.
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(8760).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // How many reverse proxies of our own stand in front of the app (each appends to X-Forwarded-For);
  // 0: the client is the socket's peer. See lib/auth/client-address.ts.
  TRUSTED_PROXY_COUNT: z
    .string()
    .regex(/^(0|[1-9][0-9]?)$/, "a whole number of proxies, 0 to 99")
    .transform(Number)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Long work (PDF reports, big simulations) in worker threads: lib/workers/pool.ts.
  WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  WORKER_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).optional(),
  WORKER_QUEUE: z.coerce.number().int().min(0).max(10_000).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  // E-mail notifications (off when SMTP_URL is unset): smtp://user:pass@host:587, smtps://...
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().optional(),
  // Live updates (Server-Sent Events): open streams allowed per user and per app instance.
  LIVE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(10_000).optional(),
  LIVE_MAX_STREAMS: z.coerce.number().int().min(1).max(100_000).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function getDatabaseUrl(): string {
  const url = readEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
  return url;
}
