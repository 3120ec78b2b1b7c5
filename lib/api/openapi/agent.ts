import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { actorKinds, planSources, planStatuses, planWorlds, remediationModes, riskLevels } from "@/db/schema";
import { actionIds, decisionSchema, listPlansSchema, requestPlanSchema, systemActionSchema } from "@/lib/agent/shared";
import { isoTime, jsonBody, jsonResponse, operation, uuid } from "./shared";

const tags = ["Agent"];
const nullableTime = isoTime.nullable();
const actor = z.object({ kind: z.enum(actorKinds), id: z.string().nullable(), name: z.string() });
const params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const risk = z.object({ level: z.enum(riskLevels), score: z.number().min(0).max(1) });

export const planStepResponseSchema = z
  .strictObject({
    index: z.number().int(),
    action: z.enum(actionIds).meta({ description: "A catalog action (`GET /api/v1/agent/catalog`)." }),
    target: z.string().meta({ description: "The service it acts on." }),
    parameters: params,
    rationale: z.string().meta({ description: "Why, tied to the diagnosis' evidence." }),
    evidence: z.array(z.string()).meta({ description: "The evidence refs it rests on (metrics, flags, deploys, events)." }),
    expected_effect: z.string(),
    risk: risk.meta({ description: "The action's risk weighed by the target's tier, blast radius and stored state: low < 0.25 ≤ medium < 0.5 ≤ high < 0.75 ≤ critical." }),
    blast_radius: z.array(z.string()).meta({ description: "Services that depend on the target, directly or transitively (the workspace's topology)." }),
    reversible: z.boolean(),
    rollback: z
      .object({ action: z.enum(actionIds), target: z.string(), parameters: params, description: z.string() })
      .nullable()
      .meta({ description: "The step that undoes it; null when it cannot be undone." }),
    preview: z.object({ summary: z.string(), changes: z.array(z.object({ what: z.string(), from: z.string(), to: z.string() })) }).meta({ description: "Dry run: what would change." }),
    checks: z.array(z.string()).meta({ description: "Names of the checks that prove it worked." }),
    status: z.enum(["pending", "running", "done", "failed", "rolled_back"]),
    output: z.string().nullable().meta({ description: "What the step did, once run." }),
    error: z.string().nullable(),
    started_at: nullableTime,
    finished_at: nullableTime,
    duration_ms: z.number().nullable(),
    rollback_output: z.string().nullable(),
  })
  .meta({ id: "PlanStep" });

const whatIfSchema = z
  .strictObject({
    rank: z.number().int().min(1),
    action: z.string().meta({ description: "A catalog action, or `no_action` (doing nothing)." }),
    target: z.string(),
    in_plan: z.boolean(),
    success_probability: z.number().min(0).max(1).meta({ description: "Share of the seeds in which the incident's system is healthy for 3 consecutive checks within 10 minutes." }),
    expected_recovery_seconds: z.number().nullable(),
    worst_recovery_seconds: z.number().nullable().meta({ description: "Null when it did not recover under every seed." }),
    dependents_unhealthy: z.number().int(),
    dependents_recovered: z.number().int(),
    risk_score: z.number(),
  })
  .meta({ id: "WhatIf" });

/** A plan as the REST API returns it (`serializePlan`). */
export const planResponseSchema = z
  .strictObject({
    id: uuid,
    incident_id: uuid.nullable(),
    simulation_id: uuid.nullable(),
    incident_system: z.string().nullable(),
    target_service: z.string(),
    status: z.enum(planStatuses).meta({
      description: "planning → awaiting_approval → approved | rejected | expired → executing → verifying → succeeded | failed → rolled_back; advisory plans are checklists that never execute.",
    }),
    mode: z.enum(remediationModes),
    world: z.enum(planWorlds).meta({ description: "`real` plans are advisory: no connector acts on real systems yet." }),
    source: z.enum(planSources).meta({ description: "planner (on request), auto (after a diagnosis), manual (one action a person picked)." }),
    summary: z.string(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    attempts: z.array(z.object({ provider: z.string(), model: z.string(), outcome: z.enum(["answered", "skipped"]), reason: z.string().optional(), ms: z.number().optional() })),
    risk,
    requires_admin: z.boolean().meta({ description: "A policy veto: only an admin may approve (a restart or failover of a stateful store)." }),
    notice: z.string().nullable(),
    steps: z.array(planStepResponseSchema),
    what_if: z.array(whatIfSchema),
    dropped: z.array(z.string()).meta({ description: "What a model proposed outside the catalog, topology or policy: never executed." }),
    checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })),
    expires_at: isoTime,
    created_by: actor.nullable(),
    decided_by: actor.nullable(),
    decided_at: nullableTime,
    decision_comment: z.string().nullable(),
    executed_at: nullableTime,
    finished_at: nullableTime,
    failure_reason: z.string().nullable(),
    rolled_back_by: actor.nullable(),
    rolled_back_at: nullableTime,
    rollback_comment: z.string().nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: "Plan" });

const planList = z.object({ items: z.array(planResponseSchema), total: z.number().int() });
const planPath = z.object({ id: uuid.meta({ description: "The plan's id." }) });
const incidentPath = z.object({ id: uuid.meta({ description: "The incident's id." }) });
const optional = (schema: z.ZodType, example?: unknown) => ({ ...jsonBody(schema, example), required: false });

const decision = (verb: "approve" | "reject" | "rollback", summary: string, description: string, errors: (401 | 403 | 404 | 409 | 413 | 422 | 429)[]) =>
  operation({
    operationId: `${verb}Plan`,
    tags,
    summary,
    description,
    scope: "write",
    requestParams: { path: planPath },
    requestBody: optional(decisionSchema, { comment: verb === "reject" ? "Not during the sale" : "Go" }),
    responses: { 200: jsonResponse("The plan.", planResponseSchema) },
    errors: [400, ...errors],
  });

const agentSettingsDocument = z
  .strictObject({
    auto_plan_after_diagnosis: z.boolean().meta({ description: "Plan as soon as a diagnosis is saved." }),
    resolve_on_success: z.boolean().meta({ description: "Resolve the incident when a plan is verified." }),
    plan_expiry_minutes: z.number().int().min(1).max(1440),
    max_executions_per_incident_per_hour: z.number().int().min(1).max(100),
    stateful_requires_admin: z.boolean().meta({ description: "Restarts and failovers of stateful stores need an admin's approval." }),
    blocked_actions: z.array(z.enum(actionIds)).meta({ description: "Catalog actions the agent may never propose." }),
  })
  .meta({ id: "AgentSettings" });
const settingsExample = {
  auto_plan_after_diagnosis: false,
  resolve_on_success: true,
  plan_expiry_minutes: 30,
  max_executions_per_incident_per_hour: 6,
  stateful_requires_admin: true,
  blocked_actions: ["restart"],
};

export const agentPaths: ZodOpenApiPathsObject = {
  "/api/v1/agent/settings": {
    get: operation({
      operationId: "getAgentSettings",
      tags,
      summary: "The agent policy",
      description: "The workspace's agent policy, every key (defaults included).",
      scope: "read",
      responses: { 200: jsonResponse("The policy.", agentSettingsDocument) },
      errors: [401, 403],
    }),
    put: operation({
      operationId: "replaceAgentSettings",
      tags,
      summary: "Replace the agent policy",
      description: "Every key is required; a 422 names each bad field.",
      scope: "admin",
      requestBody: jsonBody(agentSettingsDocument, settingsExample),
      responses: { 200: jsonResponse("The stored policy.", agentSettingsDocument) },
      errors: [400, 401, 403, 413, 422],
    }),
    patch: operation({
      operationId: "updateAgentSettings",
      tags,
      summary: "Change some keys of the agent policy",
      description: "Keys left out keep their current value; a 422 names each bad field.",
      scope: "admin",
      requestBody: jsonBody(agentSettingsDocument.partial(), { plan_expiry_minutes: 30 }),
      responses: { 200: jsonResponse("The stored policy.", agentSettingsDocument) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/incidents/{id}/agent/plans": {
    post: operation({
      operationId: "requestPlan",
      tags,
      summary: "Ask the SRE agent for a plan",
      description:
        "With no body, the planner (Groq → Gemini → offline, catalog actions only) proposes a plan from the incident's latest diagnosis (running one first if there is none). " +
        "With `action` (and `target`, `parameters`), a person proposes one catalog action. Either way the plan waits for approval (manual mode), executes by itself " +
        "when every step is low-risk and reversible (automated mode, simulated world only), or is an advisory checklist (advisory mode, and every incident of a real integration).",
      scope: "write",
      requestParams: { path: incidentPath },
      requestBody: optional(requestPlanSchema, { action: "toggle_feature_flag", target: "payment", parameters: { flag: "paymentFailure", enabled: false } }),
      responses: { 201: jsonResponse("The plan.", planResponseSchema) },
      errors: [400, 401, 403, 404, 409, 413, 422, 429, 503],
    }),
    get: operation({
      operationId: "listIncidentPlans",
      tags,
      summary: "An incident's plans",
      description: "Newest first.",
      scope: "read",
      requestParams: { path: incidentPath },
      responses: { 200: jsonResponse("The plans.", planList) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/agent/plans": {
    get: operation({
      operationId: "listPlans",
      tags,
      summary: "List plans",
      description: "`?status=awaiting_approval` is the approvals inbox, oldest first; any other list is newest first. `status` takes several, comma-separated.",
      scope: "read",
      requestParams: { query: listPlansSchema },
      responses: { 200: jsonResponse("The plans.", planList) },
      errors: [401, 403, 422],
    }),
  },
  "/api/v1/agent/plans/{id}": {
    get: operation({
      operationId: "getPlan",
      tags,
      summary: "Get a plan",
      description: "Steps with their output once run, and the checks with their results (`{ name, passed, detail }`).",
      scope: "read",
      requestParams: { path: planPath },
      responses: { 200: jsonResponse("The plan.", planResponseSchema) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/agent/plans/{id}/approve": {
    post: decision(
      "approve",
      "Approve a plan",
      "Atomic: of several approvals (or a rejection) racing, one wins; a plan no longer waiting (approved, rejected, expired, advisory) is a 409. The approved plan executes at once and answers in `verifying`. " +
        "403 for viewers, read-only keys, guests outside the demo, and non-admins when a policy veto applies; 429 beyond the workspace's executions per incident per hour.",
      [401, 403, 404, 409, 413, 422, 429],
    ),
  },
  "/api/v1/agent/plans/{id}/reject": {
    post: decision("reject", "Reject a plan", "Only a plan waiting for approval; otherwise 409.", [401, 403, 404, 409, 413, 422]),
  },
  "/api/v1/agent/plans/{id}/rollback": {
    post: decision(
      "rollback",
      "Roll back a plan",
      "Undoes the reversible steps of an executed plan (succeeded or failed), last first; steps that cannot be undone are left as they are. 409 when nothing is reversible or it was already rolled back.",
      [401, 403, 404, 409, 413, 422],
    ),
  },
  "/api/v1/agent/catalog": {
    get: operation({
      operationId: "getActionCatalog",
      tags,
      summary: "The action catalog",
      description: "Everything the agent can ever do, with targets, risk, reversibility and parameters.",
      scope: "read",
      responses: {
        200: jsonResponse(
          "The catalog.",
          z.object({
            items: z.array(
              z.object({
                id: z.enum(actionIds),
                label: z.string(),
                description: z.string(),
                targets: z.array(z.string()),
                global: z.boolean(),
                base_risk: z.number(),
                reversible: z.boolean(),
                undo: z.string().nullable(),
                aliases: z.array(z.string()),
                world_action: z.string(),
                parameters: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema of the parameters." }),
              }),
            ),
          }),
        ),
      },
      errors: [401, 403],
    }),
  },
};

/** `POST /api/v1/systems/{system}/actions`, which proposes a plan through the agent. */
export const systemActionOperation = operation({
  operationId: "applyAction",
  tags: ["Simulation", ...tags],
  summary: "Propose an action on a system",
  description:
    "One catalog action (or the world's own name for it: `cleanup_old_logs`, `flag_toggle`, `scale`…) on a system of the simulated world becomes a plan of the SRE agent, " +
    "attached to the drill's open incident on that system: it waits for approval, executes, and is verified like any other. Unknown actions are a 422; no running drill with that system is a 409.",
  scope: "write",
  requestParams: { path: z.object({ system: z.string().meta({ description: "A system of the simulated world.", example: "disk" }) }) },
  requestBody: jsonBody(systemActionSchema, { action: "cleanup_disk" }),
  responses: { 201: jsonResponse("The plan.", planResponseSchema) },
  errors: [400, 401, 403, 404, 409, 413, 422],
});
