import { z } from "zod";
import { planStatuses } from "@/db/schema/agent";
import type { AgentSettings } from "@/db/schema/workspaces";
import { actionIds } from "./catalog";

/** Request and settings formats of the agent (snake_case on the wire, like the rest of the REST API). */

export const planIdSchema = z.string().uuid("is not a valid plan id");

const parameterValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

/**
 * `POST /api/v1/incidents/{id}/agent/plans`: with no body (or no `action`) the planner proposes a
 * plan; with an `action` a person proposes that one catalog action (a manual action) — it takes the
 * same approval and verification path.
 */
export const requestPlanSchema = z
  .object({
    action: z.string().trim().min(1, "is required").max(64).optional(),
    target: z.string().trim().min(1, "is required").max(100).optional(),
    parameters: z.record(z.string().max(64), parameterValue).optional(),
    simulation_id: z.string().uuid("is not a valid simulation id").optional(),
  })
  .strict();
export type RequestPlanInput = z.input<typeof requestPlanSchema>;

/** `POST /api/v1/systems/{system}/actions`: one catalog action (or the world's own name for it) on a system. */
export const systemActionSchema = z
  .object({
    action: z.string().trim().min(1, "is required").max(64),
    parameters: z.record(z.string().max(64), parameterValue).optional(),
    simulation_id: z.string().uuid("is not a valid simulation id").optional(),
    incident_id: z.string().uuid("is not a valid incident id").optional(),
  })
  .strict();

/** Approve, reject or roll back: an optional comment for the record. */
export const decisionSchema = z.object({ comment: z.string().trim().max(1000, "must be at most 1000 characters").optional() }).strict();
export type DecisionInput = z.input<typeof decisionSchema>;

export const listPlansSchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(planStatuses, { error: `must be one of ${planStatuses.join(", ")}` })).optional()),
  incident_id: z.string().uuid("is not a valid incident id").optional(),
  limit: z.coerce.number().int().min(1, "must be at least 1").max(200, "must be at most 200").default(50),
});

export const defaultAgentSettings: AgentSettings = {
  autoPlanAfterDiagnosis: false,
  resolveOnSuccess: true,
  planExpiryMinutes: 30,
  maxExecutionsPerIncidentPerHour: 3,
  statefulRequiresAdmin: true,
  blockedActions: [],
};

export const agentSettingsSchema = z
  .object({
    autoPlanAfterDiagnosis: z.boolean(),
    resolveOnSuccess: z.boolean(),
    planExpiryMinutes: z.coerce.number().int("must be whole minutes").min(1, "must be at least 1 minute").max(1440, "must be at most a day"),
    maxExecutionsPerIncidentPerHour: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
    statefulRequiresAdmin: z.boolean(),
    blockedActions: z.array(z.enum(actionIds, { error: "is not a catalog action" })).max(actionIds.length).transform((a) => [...new Set(a)]),
  })
  .strict();
export type AgentSettingsInput = z.input<typeof agentSettingsSchema>;

/** Stored settings over the defaults (a key missing from an older document takes its default). */
export function withDefaults(stored: Partial<AgentSettings> | undefined): AgentSettings {
  const merged = { ...defaultAgentSettings, ...(stored ?? {}) };
  const parsed = agentSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultAgentSettings;
}
