import { z } from "zod";

/**
 * The one place that reads process.env. Every variable the app understands is declared here,
 * validated once, and documented in docs/configuration.md (and .env.example).
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalString,
  /** Directory of the embedded PGlite database (ignored when DATABASE_URL is set). */
  PGLITE_DIR: optionalString,
  /** Directory for generated local state (PGlite data, generated secrets). */
  DATA_DIR: optionalString,
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional(),
  /** Seed the default workspace with sample incidents when the database is empty ("off" to skip). */
  SEED_ON_START: z.enum(["on", "off"]).default("on"),
  /** The port `next dev` / `next start` listen on (they set it themselves once listening). */
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NEXTAUTH_URL: optionalString,
  NEXTAUTH_SECRET: optionalString,
  AUTH_SECRET: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  DEMO_MODE: z.enum(["on", "off"]).default("on"),
  DEMO_RESET_CRON: optionalString,
  /** Demo writes allowed per guest and per IP per minute. */
  DEMO_WRITE_LIMIT: z.coerce.number().int().positive().default(60),
  /** A fixed admin user (of the default workspace) created or updated idempotently at start-up. */
  FIREDRILL_ADMIN_EMAIL: optionalString,
  FIREDRILL_ADMIN_PASSWORD: optionalString,
  CRON_SECRET: optionalString,
  /** Proxies in front of the app that append to X-Forwarded-For; per-IP limits trust only what they wrote. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  GROQ_API_KEY: optionalString,
  GROQ_MODEL: optionalString,
  GROQ_BASE_URL: optionalString,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GOOGLE_MODEL: optionalString,
  GOOGLE_BASE_URL: optionalString,
  /** Diagnoses per workspace per minute (streamed and REST together). */
  DIAGNOSIS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Pacing of the offline engine's stream in ms per chunk (0 = as fast as possible). */
  DIAGNOSIS_OFFLINE_CHUNK_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(8),
  PUSHER_APP_ID: optionalString,
  PUSHER_KEY: optionalString,
  PUSHER_SECRET: optionalString,
  PUSHER_CLUSTER: optionalString,
  PUSHER_HOST: optionalString,
  PUSHER_PORT: optionalString,
  /** Events (or alerts) one API key may send per minute before intake answers 429/503 (default 6000). */
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6_000),
  /** "on" enables POST /api/v1/intake/noop (parses like intake, writes nothing): the bench's ceiling. */
  INTAKE_BENCH_NOOP: z.enum(["on", "off"]).default("off"),
  /** How often the in-process scheduler ticks the simulated worlds, in ms (0: only /api/cron/tick does). */
  SIM_TICK_MS: z.coerce.number().int().min(0).default(1_000),
  /** Outgoing mail server for notifications, e.g. smtp://user:pass@mail.example.com:587 (unset: no email). */
  SMTP_URL: optionalString,
  /** Sender address of notification emails. */
  SMTP_FROM: optionalString,
  /** How often the in-process scheduler runs escalations and deliveries, in ms (0: only /api/cron/escalate and /api/cron/notify do). */
  ONCALL_TICK_MS: z.coerce.number().int().min(0).default(5_000),
  /** "on": the public demo's incident generator starts switched on (an incident every 4–8 minutes) the first time the server starts. */
  DEMO_GENERATOR: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment configuration: ${details}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** The app's public URL: NEXTAUTH_URL when configured, else this server on localhost and its real port. */
export function appUrl(): string {
  const e = env();
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** Tests change variables between cases; this forgets the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined;
}
