import { z } from "zod";
import { incidentStatuses, incidentTypes, remediationModes, severities } from "@/db/schema";
import { checkJsonStrings, safeText } from "@/lib/validation/strings-and-times";

export const METADATA_MAX_BYTES = 64 * 1024;

/** Trimmed, at most `max` characters, and storable (no NUL, no lone surrogate: the field is named). */
const trimmed = (max: number) => safeText(max);

export const severitySchema = z.enum(severities);
export const statusSchema = z.enum(incidentStatuses);

export const metadataSchema = z
  .record(z.string(), z.unknown())
  .superRefine(checkJsonStrings)
  .refine((m) => Buffer.byteLength(JSON.stringify(m), "utf8") <= METADATA_MAX_BYTES, {
    message: `must be at most ${METADATA_MAX_BYTES / 1024} KiB of JSON`,
  });

const affectedSystemsSchema = z
  .array(trimmed(100).min(1, "must not be empty"))
  .max(50, "at most 50 systems")
  .transform((list) => Array.from(new Set(list)));

export const createIncidentSchema = z.object({
  title: trimmed(200).min(3, "must be at least 3 characters"),
  description: trimmed(10_000).default(""),
  service: trimmed(100).min(1, "is required"),
  team: trimmed(100)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  severity: severitySchema.default("P2"),
  status: statusSchema.default("triage"),
  affectedSystems: affectedSystemsSchema.default([]),
  incidentType: z.enum(incidentTypes).default("real"),
  /**
   * How the SRE agent may act. When omitted: advisory for real incidents (no connector acts on real
   * systems), manual (each plan approved by a person) for synthetic and training ones.
   */
  remediationMode: z.enum(remediationModes).optional(),
  actionable: z.boolean().default(true),
  generatedBy: trimmed(100).default("manual"),
  metadata: metadataSchema.default({}),
  notes: trimmed(50_000).default(""),
  /** false: intake never attaches events to this incident (see docs/intake.md, "One incident per service"). */
  receivesIntake: z.boolean({ error: "must be true or false" }).default(true),
});
export type CreateIncidentInput = z.input<typeof createIncidentSchema>;

/** Fields a person may edit; `version` is the one they read, so a stale edit is refused. */
export const updateIncidentSchema = z
  .object({
    version: z.coerce.number().int().positive(),
    title: createIncidentSchema.shape.title.optional(),
    description: trimmed(10_000).optional(),
    service: createIncidentSchema.shape.service.optional(),
    team: trimmed(100)
      .nullable()
      .optional()
      .transform((v) => (v === undefined ? undefined : v || null)),
    severity: severitySchema.optional(),
    affectedSystems: affectedSystemsSchema.optional(),
    incidentType: z.enum(incidentTypes).optional(),
    remediationMode: z.enum(remediationModes).optional(),
    actionable: z.boolean().optional(),
    metadata: metadataSchema.optional(),
    notes: trimmed(50_000).optional(),
    receivesIntake: z.boolean({ error: "must be true or false" }).optional(),
    /** A status move may ride along with the edit; both commit together or not at all. */
    status: statusSchema.optional(),
    reason: trimmed(500).optional(),
    /** With `status: "resolved"`: what ended it and what caused it (both optional). */
    resolution: z.object({ summary: trimmed(5_000).optional(), cause: trimmed(1_000).optional() }).strict().optional(),
  })
  .strict();
export type UpdateIncidentInput = z.input<typeof updateIncidentSchema>;

export const changeStatusSchema = z.object({
  status: statusSchema,
  /** The version the caller saw; omitted by machines that do not track it. */
  version: z.coerce.number().int().positive().optional(),
  reason: trimmed(500).optional(),
  /** Only with `status: "resolved"`: what ended it and what caused it (both optional, kept on the incident). */
  resolution: z.object({ summary: trimmed(5_000).optional(), cause: trimmed(1_000).optional() }).strict().optional(),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

export const addNoteSchema = z.object({ body: trimmed(10_000).min(1, "must not be empty") });
export const editNoteSchema = z.object({
  body: trimmed(10_000).min(1, "must not be empty"),
  version: z.coerce.number().int().positive(),
});

export const incidentIdSchema = z.string().uuid("is not a valid incident id");

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
    z.array(item).optional(),
  );

export const listIncidentsSchema = z.object({
  status: csv(statusSchema),
  severity: csv(severitySchema),
  service: csv(trimmed(100)),
  team: csv(trimmed(100)),
  q: trimmed(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListIncidentsInput = z.input<typeof listIncidentsSchema>;

/** Board filters, as they live in the URL. */
export const boardFiltersSchema = z.object({
  severity: z.array(severitySchema).default([]),
  team: z.array(trimmed(100)).default([]),
  service: z.array(trimmed(100)).default([]),
  q: trimmed(200).default(""),
  kind: z.enum(["all", "real", "drills"]).default("all"),
  sort: z.enum(["severity", "recency"]).default("severity"),
  mine: z.boolean().optional(),
});
export type BoardFilters = z.infer<typeof boardFiltersSchema>;
