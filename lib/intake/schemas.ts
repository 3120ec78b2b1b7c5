import { z } from "zod";
import { eventLevels, severities } from "@/db/schema";
import { badCharacter, eventTimeSchema, findBadString, safeText } from "@/lib/validation/strings-and-times";
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
