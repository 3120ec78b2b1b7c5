import { z } from "zod";
import { recurrences } from "@/db/schema/alerts";
import { isoTimeSchema, safeText } from "@/lib/validation/strings-and-times";

const FIVE_YEARS_MS = 5 * 366 * 86_400_000;
const when = () => isoTimeSchema({ maxFutureMs: FIVE_YEARS_MS });

export const signalStates = ["firing", "resolved", "silenced"] as const;
export type SignalState = (typeof signalStates)[number];
export const signalSources = ["alertmanager", "grafana", "pagerduty", "generic", "intake"] as const;

export const silenceMatcherSchema = z
  .object({
    service: safeText(100).optional(),
    source: safeText(50).optional(),
    labels: z.record(safeText(200, { min: 1 }), safeText(500)).optional(),
    text: safeText(500).optional(),
  })
  .strict()
  .transform((m) => {
    const out: { service?: string; source?: string; labels?: Record<string, string>; text?: string } = {};
    if (m.service) out.service = m.service;
    if (m.source) out.source = m.source;
    if (m.labels && Object.keys(m.labels).length > 0) out.labels = m.labels;
    if (m.text) out.text = m.text;
    return out;
  })
  .refine((m) => Object.keys(m).length > 0, { message: "must name at least one of service, source, labels, text" });

/** A new silence: `ends_at` or `duration_minutes` (from the start, which defaults to now). */
export const createSilenceSchema = z
  .object({
    matcher: silenceMatcherSchema,
    starts_at: when().optional(),
    ends_at: when().optional(),
    duration_minutes: z.coerce.number().int().min(1).max(366 * 24 * 60).optional(),
    reason: safeText(500, { min: 1 }),
  })
  .strict()
  .transform((v, ctx) => {
    const start = v.starts_at ?? new Date();
    const end = v.ends_at ?? (v.duration_minutes ? new Date(start.getTime() + v.duration_minutes * 60_000) : undefined);
    if (!end) {
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "is required (or duration_minutes)" });
      return z.NEVER;
    }
    if (end <= start) {
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be after starts_at" });
      return z.NEVER;
    }
    return { matcher: v.matcher, startsAt: start, endsAt: end, reason: v.reason };
  });
export type CreateSilenceInput = z.input<typeof createSilenceSchema>;

export const createMaintenanceWindowSchema = z
  .object({
    services: z.array(safeText(100, { min: 1 })).max(200).default([]),
    starts_at: when(),
    ends_at: when(),
    recurrence: z.enum(recurrences).default("none"),
    recurrence_until: when().nullish(),
    reason: safeText(500, { min: 1 }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.ends_at <= v.starts_at) ctx.addIssue({ code: "custom", path: ["ends_at"], message: "must be after starts_at" });
    const length = v.ends_at.getTime() - v.starts_at.getTime();
    const period = v.recurrence === "daily" ? 86_400_000 : v.recurrence === "weekly" ? 7 * 86_400_000 : Infinity;
    if (length >= period) ctx.addIssue({ code: "custom", path: ["ends_at"], message: `must be less than the ${v.recurrence} period after starts_at` });
    if (v.recurrence_until && v.recurrence === "none") ctx.addIssue({ code: "custom", path: ["recurrence_until"], message: "needs a recurrence" });
  })
  .transform((v) => ({
    services: [...new Set(v.services)],
    startsAt: v.starts_at,
    endsAt: v.ends_at,
    recurrence: v.recurrence,
    recurrenceUntil: v.recurrence_until ?? null,
    reason: v.reason,
  }));
export type CreateMaintenanceWindowInput = z.input<typeof createMaintenanceWindowSchema>;

/** Filters of the alerts list (query string). */
export const signalFiltersSchema = z
  .object({
    state: z.enum(signalStates).optional(),
    source: safeText(50).optional(),
    service: safeText(100).optional(),
    q: safeText(200).optional(),
    cursor: safeText(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .transform((f) => ({ ...f, source: f.source || undefined, service: f.service || undefined, q: f.q || undefined, cursor: f.cursor || undefined }));
export type SignalFilters = z.output<typeof signalFiltersSchema>;
