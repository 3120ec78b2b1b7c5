import { z } from "zod";
import { eventLevels, severities } from "@/db/schema";
import { normalizeLevel } from "./levels";

export const MAX_BATCH = 1_000;
const ATTRIBUTES_MAX_BYTES = 16 * 1024;
/** Timestamps more than a day ahead of the server clock are a sender's bug, not an event. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** UTF-8 size check that skips the byte count when the length alone settles it (3 bytes per UTF-16 unit at most). */
function fitsInBytes(json: string, max: number): boolean {
  if (json.length * 3 <= max) return true;
  return json.length <= max && Buffer.byteLength(json, "utf8") <= max;
}

/**
 * Whether attributes serialise to at most `max` bytes. Flat maps of short scalars (nearly all of
 * them) are settled from their lengths without serialising: a character costs at most 6 bytes of
 * JSON (an escaped control character). Anything else is measured exactly.
 */
function attributesFit(a: Record<string, unknown>, max: number): boolean {
  let chars = 2;
  for (const k in a) {
    const v = a[k];
    if (typeof v === "string") chars += v.length + k.length + 6;
    else if (typeof v === "number" || typeof v === "boolean" || v === null) chars += k.length + 30;
    else return fitsInBytes(JSON.stringify(a), max);
    if (chars * 6 > max) return fitsInBytes(JSON.stringify(a), max);
  }
  return true;
}

const text = (max: number) => z.string().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

export const levelSchema = z.string({ error: "is required" }).transform((v, ctx) => {
  const level = normalizeLevel(v);
  if (!level) {
    ctx.addIssue({ code: "custom", message: `is not a level (use ${eventLevels.join(", ")})` });
    return z.NEVER;
  }
  return level;
});

/** ISO 8601 string, or epoch seconds / milliseconds. */
export const timestampSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === "number" ? (v < 1e11 ? v * 1000 : v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "is not a valid ISO 8601 time or epoch number" });
    return z.NEVER;
  }
  if (ms > Date.now() + MAX_FUTURE_MS) {
    ctx.addIssue({ code: "custom", message: "is more than a day in the future" });
    return z.NEVER;
  }
  return new Date(ms);
});

export const eventInputSchema = z.object({
  service: text(100),
  level: levelSchema,
  message: text(4_000),
  timestamp: timestampSchema.optional(),
  fingerprint: text(200).optional().nullable(),
  dedup_key: text(200).optional().nullable(),
  // A plain-object check rather than z.record: the values are free JSON anyway, and record would
  // copy every key of every event of a batch.
  attributes: z
    .custom<Record<string, unknown>>((a) => typeof a === "object" && a !== null && !Array.isArray(a), { message: "must be an object" })
    .refine((a) => attributesFit(a, ATTRIBUTES_MAX_BYTES), { message: "must be at most 16 KiB of JSON" })
    .optional()
    .nullable(),
});
export type EventInput = z.input<typeof eventInputSchema>;
export type ParsedEvent = z.output<typeof eventInputSchema>;

export const ruleInputSchema = z.object({
  /** A service name, or "*" for the workspace default. */
  service: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  minCount: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1_000, "must be at most 1000"),
  windowSeconds: z.coerce.number().int("must be a whole number").min(10, "must be at least 10 seconds").max(86_400, "must be at most one day"),
  minLevel: levelSchema,
  severity: z
    .union([z.enum(severities), z.literal(""), z.literal("auto"), z.null()])
    .optional()
    .transform((v) => (v === "" || v === "auto" || v == null ? null : v)),
  enabled: z.union([z.boolean(), z.enum(["true", "false", "on", "off"])]).default(true).transform((v) => v === true || v === "true" || v === "on"),
});
export type RuleInput = z.input<typeof ruleInputSchema>;

/** A page of a newest-first list: `?limit=50&before=<next_cursor of the previous page>`. */
export const cursorPageSchema = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  before: z.string().max(200).optional(),
});

// ─── Alert formats ───────────────────────────────────────────────────────────────────────────

const MAX_ALERTS = 1_000;

/** Label and annotation maps: string values (numbers and booleans are stringified, as people send them). */
const stringMap = z.unknown().optional().transform((m, ctx): Record<string, string> => {
  // One pass instead of record + union + transform: alert bodies carry hundreds of these maps.
  if (m === undefined || m === null) return {};
  if (typeof m !== "object" || Array.isArray(m)) {
    ctx.addIssue({ code: "custom", message: "must be an object of strings" });
    return z.NEVER;
  }
  const out: Record<string, string> = {};
  for (const k in m) {
    const v = (m as Record<string, unknown>)[k];
    if (typeof v === "string") out[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (v !== null) {
      ctx.addIssue({ code: "custom", message: `${k} must be a string`, path: [k] });
      return z.NEVER;
    }
  }
  return out;
});

/** Go's zero time ("0001-01-01T00:00:00Z") means "not set" — a firing alert with no end. */
const alertTime = z
  .string()
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v || v.startsWith("0001-01-01")) return null;
    const ms = Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: "is not a valid time" });
      return z.NEVER;
    }
    return new Date(ms);
  });

const alertSchema = z.looseObject({
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  labels: stringMap,
  annotations: stringMap,
  startsAt: alertTime,
  endsAt: alertTime,
  generatorURL: z.string().optional().nullable(),
  fingerprint: z.string().max(200).optional().nullable(),
});

/** Prometheus Alertmanager webhook (version 4) and Grafana alerting webhook (version "1"); unknown fields are kept. */
export const alertGroupSchema = z.looseObject({
  version: z.string().optional(),
  groupKey: z.string({ error: "is required" }).min(1, "is required").max(2_000),
  status: z.string().optional(),
  receiver: z.string().optional().nullable(),
  groupLabels: stringMap,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  externalURL: z.string().optional().nullable(),
  title: z.string().optional().nullable(),
  alerts: z.array(alertSchema, { error: "must be an array of alerts" }).max(MAX_ALERTS, `must hold at most ${MAX_ALERTS} alerts`),
});

// ─── PagerDuty Events API v2 ─────────────────────────────────────────────────────────────────

const pdSeverities = ["critical", "error", "warning", "info"] as const;
/** PagerDuty Events API v2: the `payload` of a trigger. */
export const pagerDutyPayloadSchema = z.looseObject({
  summary: z.string({ error: "is required" }).trim().min(1, "is required").max(1024, "must be at most 1024 characters"),
  source: z.string({ error: "is required" }).trim().min(1, "is required").max(255, "must be at most 255 characters"),
  severity: z.enum(pdSeverities, { error: `must be one of ${pdSeverities.join(", ")}` }),
  timestamp: z.string().optional().nullable(),
  component: z.string().max(255).optional().nullable(),
  group: z.string().max(255).optional().nullable(),
  class: z.string().max(255).optional().nullable(),
  custom_details: z.unknown().optional(),
});

/** PagerDuty Events API v2: trigger, acknowledge or resolve. */
export const pagerDutyEventSchema = z.looseObject({
  routing_key: z.string().optional().nullable(),
  event_action: z.enum(["trigger", "acknowledge", "resolve"], { error: "must be trigger, acknowledge or resolve" }),
  dedup_key: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters").optional().nullable(),
  payload: z.unknown().optional(),
  client: z.string().optional().nullable(),
  client_url: z.string().optional().nullable(),
});
