/** The part of the generator that also runs in the browser: schemas, the status view, templates' labels. */
import { z } from "zod";

export const generatorSettingsSchema = z
  .object({
    enabled: z.boolean({ error: "must be true or false" }).optional(),
    minIntervalSeconds: z.number({ error: "must be a number" }).int("must be a whole number").min(30, "must be at least 30 seconds").max(86_400, "must be at most a day").optional(),
    maxIntervalSeconds: z.number({ error: "must be a number" }).int("must be a whole number").min(30, "must be at least 30 seconds").max(86_400, "must be at most a day").optional(),
    templates: z.array(z.string().trim().min(1).max(80)).max(100, "at most 100 templates").optional(),
    autoDiagnose: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((s) => s.minIntervalSeconds === undefined || s.maxIntervalSeconds === undefined || s.maxIntervalSeconds >= s.minIntervalSeconds, {
    path: ["maxIntervalSeconds"],
    message: "must be at least the minimum interval",
  });
export type GeneratorSettingsInput = z.input<typeof generatorSettingsSchema>;

export const generateSchema = z.object({ template: z.string().trim().min(1, "is required").max(80).optional() }).default({});

export const batchSchema = z.object({
  count: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200"),
  intervalSeconds: z.number({ error: "must be a number" }).int("must be a whole number").min(30, "must be at least 30 seconds").max(86_400, "must be at most a day"),
  templates: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
});
export type BatchInput = z.input<typeof batchSchema>;

export type GeneratorTemplateView = { id: string; label: string; service: string };

export type GeneratorStatus = {
  enabled: boolean;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  templates: string[];
  autoDiagnose: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  generatedCount: number;
  batch: { remaining: number; intervalSeconds: number; templates: string[]; nextAt: string | null } | null;
  lastError: string | null;
  available: GeneratorTemplateView[];
};

export const DEFAULT_GENERATOR = { minIntervalSeconds: 120, maxIntervalSeconds: 300, autoDiagnose: true } as const;
/** The public demo's gentle rate: an incident every 4 to 8 minutes. */
export const DEMO_GENERATOR = { minIntervalSeconds: 240, maxIntervalSeconds: 480 } as const;
