import { z } from "zod";
import { eventLevels, severities } from "@/db/schema";
import { alertTimeSchema, badCharacter, eventTimeSchema, findBadString, isoTimeSchema, safeString, safeText } from "@/lib/validation/strings-and-times";
import { normalizeLevel } from "./levels";

export const MAX_BATCH = 1_000;
const ATTRIBUTES_MAX_BYTES = 16 * 1024;

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

/** Attributes: a JSON object of storable strings (keys too), at most 16 KiB. Flat maps are checked in one pass. */
const attributesSchema = z
  .custom<Record<string, unknown>>((a) => typeof a === "object" && a !== null && !Array.isArray(a), { message: "must be an object" })
  .superRefine((a, ctx) => {
    for (const k in a) {
      const v = a[k];
      const bad = badCharacter(k) ?? (typeof v === "string" ? badCharacter(v) : null);
      if (bad) {
        ctx.addIssue({ code: "custom", message: badCharacter(k) ? `has a key that ${bad}` : bad, path: badCharacter(k) ? [] : [k] });
        return;
      }
      if (v !== null && typeof v === "object") {
        const deep = findBadString(v);
        if (deep) {
          ctx.addIssue({ code: "custom", message: deep.message, path: [k, ...deep.path] });
          return;
        }
      }
    }
    if (!attributesFit(a, ATTRIBUTES_MAX_BYTES)) ctx.addIssue({ code: "custom", message: "must be at most 16 KiB of JSON" });
  });

export const levelSchema = z.string({ error: "is required" }).transform((v, ctx) => {
  const level = normalizeLevel(v);
  if (!level) {
    ctx.addIssue({ code: "custom", message: `is not a level (use ${eventLevels.join(", ")})` });
    return z.NEVER;
  }
  return level;
});

/** ISO 8601 string (a real calendar date), or epoch seconds / milliseconds, from 2000-01-01 to a day ahead. */
export const timestampSchema = eventTimeSchema();

const text = (max: number) => safeText(max, { min: 1 });

export const eventInputSchema = z.object({
  service: text(100),
  level: levelSchema,
  message: text(4_000),
  timestamp: timestampSchema.optional(),
  fingerprint: text(200).optional().nullable(),
  dedup_key: text(200).optional().nullable(),
  // A plain-object check rather than z.record: the values are free JSON anyway, and record would
  // copy every key of every event of a batch.
  attributes: attributesSchema.optional().nullable(),
});
export type EventInput = z.input<typeof eventInputSchema>;
export type ParsedEvent = z.output<typeof eventInputSchema>;

export const ruleInputSchema = z.object({
  /** A service name, or "*" for the workspace default. */
  service: safeText(100, { min: 1 }),
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
    const badKey = badCharacter(k);
    if (badKey) {
      ctx.addIssue({ code: "custom", message: `has a key that ${badKey}` });
      return z.NEVER;
    }
    if (typeof v === "string") {
      const bad = badCharacter(v);
      if (bad) {
        ctx.addIssue({ code: "custom", message: bad, path: [k] });
        return z.NEVER;
      }
      out[k] = v;
    } else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (v !== null) {
      ctx.addIssue({ code: "custom", message: `${k} must be a string`, path: [k] });
      return z.NEVER;
    }
  }
  return out;
});

/**
 * Alert times: RFC 3339 real dates from 2000-01-01; Go's zero time ("0001-01-01T00:00:00Z") means
 * "not set" (a firing alert with no end). A start may be at most a day ahead of our clock; an end
 * may be further (a firing alert's predicted end).
 */
const startTime = alertTimeSchema();
const endTime = alertTimeSchema({ maxFutureMs: Number.POSITIVE_INFINITY });

const knownAlertFields = new Set(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"]);

const alertSchema = z
  .looseObject({
    status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
    labels: stringMap,
    annotations: stringMap,
    startsAt: startTime,
    endsAt: endTime,
    generatorURL: safeString().max(4_000, "must be at most 4000 characters").optional().nullable(),
    fingerprint: safeString().max(200, "must be at most 200 characters").optional().nullable(),
  })
  .superRefine((a, ctx) => {
    // Fields we do not know are kept in the event's raw payload: they must be storable too.
    for (const k in a) {
      if (knownAlertFields.has(k)) continue;
      const badKey = badCharacter(k);
      if (badKey) {
        ctx.addIssue({ code: "custom", message: `has a key that ${badKey}` });
        return;
      }
      const bad = findBadString((a as Record<string, unknown>)[k]);
      if (bad) {
        ctx.addIssue({ code: "custom", message: bad.message, path: [k, ...bad.path] });
        return;
      }
    }
  });

/** Prometheus Alertmanager webhook (version 4) and Grafana alerting webhook (version "1"); unknown fields are kept. */
export const alertGroupSchema = z.looseObject({
  version: z.string().optional(),
  groupKey: safeString("is required").min(1, "is required").max(2_000, "must be at most 2000 characters"),
  status: z.string().optional(),
  receiver: safeString().max(1_000, "must be at most 1000 characters").optional().nullable(),
  groupLabels: stringMap,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  externalURL: safeString().max(4_000, "must be at most 4000 characters").optional().nullable(),
  title: safeString().optional().nullable(),
  alerts: z.array(alertSchema, { error: "must be an array of alerts" }).max(MAX_ALERTS, `must hold at most ${MAX_ALERTS} alerts`),
});

// ─── PagerDuty Events API v2 ─────────────────────────────────────────────────────────────────

export const pagerDutySeverities = ["critical", "error", "warning", "info"] as const;

const required = (max: number) =>
  z.string({ error: "is required" }).pipe(safeText(max, { min: 1 }));
const optionalText = (max: number) => safeText(max).optional().nullable();

/** PagerDuty Events API v2: the `payload` of a trigger. */
export const pagerDutyPayloadSchema = z.looseObject({
  summary: required(1024),
  source: required(255),
  severity: z.enum(pagerDutySeverities, { error: `must be one of ${pagerDutySeverities.join(", ")}` }),
  // PagerDuty's own range check is looser; ours is every intake path's (real dates, 2000 to now + 1 day).
  timestamp: isoTimeSchema().optional().nullable(),
  component: optionalText(255),
  group: optionalText(255),
  class: optionalText(255),
  custom_details: z.unknown().optional(),
});

const linkSchema = z.looseObject({ href: safeText(2_048, { min: 1 }), text: optionalText(1_024) });
const imageSchema = z.looseObject({ src: safeText(2_048, { min: 1 }), href: optionalText(2_048), alt: optionalText(1_024) });

/** PagerDuty Events API v2: trigger, acknowledge or resolve. */
export const pagerDutyEventSchema = z.looseObject({
  routing_key: z.string().optional().nullable(),
  event_action: z.enum(["trigger", "acknowledge", "resolve"], { error: "must be trigger, acknowledge or resolve" }),
  dedup_key: safeText(255, { min: 1, minMessage: "must not be empty" }).optional().nullable(),
  payload: z.unknown().optional(),
  client: optionalText(1_024),
  client_url: optionalText(2_048),
  links: z.array(linkSchema, { error: "must be an array of {href, text}" }).max(50, "must hold at most 50 links").optional().nullable(),
  images: z.array(imageSchema, { error: "must be an array of {src, href, alt}" }).max(50, "must hold at most 50 images").optional().nullable(),
});

