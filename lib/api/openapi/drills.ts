import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { drillStatuses } from "@/db/schema";
import { acceptDiagnosisSchema, drillDifficulties, injectFaultSchema } from "@/lib/drills/shared";
import { idParam, isoTime, jsonBody, jsonResponse, operation, uuid } from "./shared";

const tags = ["Game days"];
const participant = z.object({ id: uuid, name: z.string() });
const criterion = z.object({ key: z.string(), label: z.string(), points: z.number().int(), max: z.number().int(), detail: z.string(), value: z.union([z.number(), z.boolean()]).nullable().optional() });
const score = z
  .object({
    total: z.number().int(),
    max: z.number().int(),
    criteria: z.array(criterion).meta({ description: "acknowledge (20), diagnosis (30), remediation (25), health (15), sla (10, only when an incident opened)." }),
    time_to_acknowledge_seconds: z.number().nullable(),
    time_to_diagnosis_seconds: z.number().nullable(),
    diagnosis_correct: z.boolean(),
    remediation_expected: z.boolean(),
    health_restored: z.boolean(),
    sla_met: z.boolean(),
    actions: z.array(z.string()),
  })
  .meta({ id: "DrillScore" });

export const drillResponseSchema = z
  .object({
    id: uuid,
    title: z.string(),
    status: z.enum(drillStatuses),
    scenario_id: z.string(),
    scenario_name: z.string(),
    difficulty: z.string(),
    root_service: z.string(),
    expected_root_cause: z.string().nullable().meta({ description: "Hidden (null) until the drill ends." }),
    expected_actions: z.array(z.string()).nullable().meta({ description: "Hidden (null) until the drill ends." }),
    seed: z.number().int(),
    speed: z.number(),
    ai_assistance: z.boolean(),
    participants: z.array(participant),
    facilitator: z.string(),
    simulation_id: uuid.nullable(),
    simulation_status: z.string().nullable(),
    incident_id: uuid.nullable(),
    incident_number: z.number().int().nullable(),
    incident_status: z.string().nullable(),
    injections: z.array(z.object({ simulation_id: uuid, system: z.string(), failure: z.string(), at: isoTime })),
    accepted_cause: z.string().nullable(),
    accepted_at: isoTime.nullable(),
    accepted_by_name: z.string().nullable(),
    score: score.nullable().meta({ description: "Null until the drill ends." }),
    total_score: z.number().int().nullable(),
    debrief: z.string().nullable(),
    rerun_of: uuid.nullable(),
    created_at: isoTime,
    started_at: isoTime.nullable(),
    ended_at: isoTime.nullable(),
    version: z.number().int(),
  })
  .meta({ id: "Drill" });

const listItem = z.object({
  id: uuid,
  title: z.string(),
  status: z.enum(drillStatuses),
  scenario_name: z.string(),
  difficulty: z.string(),
  seed: z.number().int(),
  speed: z.number(),
  participants: z.array(participant),
  total_score: z.number().int().nullable(),
  created_at: isoTime,
  ended_at: isoTime.nullable(),
  rerun_of: uuid.nullable(),
});

const createBody = z
  .object({
    title: z.string().max(120).optional(),
    scenario_id: z.string().optional(),
    difficulty: z.enum(drillDifficulties).optional(),
    participant_ids: z.array(uuid).max(20).optional(),
    speed: z.number().min(1).max(100).optional(),
    seed: z.number().int().min(0).optional(),
    ai_assistance: z.boolean().optional(),
    rerun_of: uuid.optional(),
  })
  .meta({ description: "`scenario_id`, or `difficulty` for a random scenario (picked by the seed); at least one participant; or `rerun_of` to copy an earlier drill." });

const drillId = idParam("The drill's id.");

export const drillPaths: ZodOpenApiPathsObject = {
  "/api/v1/drills": {
    get: operation({
      operationId: "listDrills",
      tags,
      summary: "List drills",
      description: "Newest first; `participant` keeps one member's history.",
      scope: "read",
      requestParams: { query: z.object({ participant: uuid.optional() }) },
      responses: { 200: jsonResponse("The drills.", z.object({ items: z.array(listItem) })) },
      errors: [401, 403],
    }),
    post: operation({
      operationId: "createDrill",
      tags,
      summary: "Create a drill",
      scope: "write",
      requestBody: jsonBody(createBody, { scenario_id: "payment_failure", participant_ids: ["0193a5b2-7c1e-7d3f-9a4b-2c6d8e0f1a2b"], speed: 10, ai_assistance: true }),
      responses: { 201: jsonResponse("The planned drill.", drillResponseSchema) },
      errors: [400, 401, 403, 404, 413, 422],
    }),
  },
  "/api/v1/drills/leaderboard": {
    get: operation({
      operationId: "drillLeaderboard",
      tags,
      summary: "Leaderboard",
      description: "Per participant over the workspace's ended drills: drills, best and average score, median time to acknowledge.",
      scope: "read",
      responses: {
        200: jsonResponse(
          "Best first.",
          z.object({ items: z.array(z.object({ participant_id: uuid, name: z.string(), drills: z.number().int(), best_score: z.number().int(), average_score: z.number(), median_time_to_acknowledge_seconds: z.number().nullable() })) }),
        ),
      },
      errors: [401, 403],
    }),
  },
  "/api/v1/drills/{id}": {
    get: operation({
      operationId: "getDrill",
      tags,
      summary: "Get a drill with its score",
      scope: "read",
      requestParams: { path: drillId },
      responses: { 200: jsonResponse("The drill.", drillResponseSchema) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/drills/{id}/start": {
    post: operation({
      operationId: "startDrill",
      tags,
      summary: "Start a drill",
      description: "Runs its scenario on its seed and speed; the incident arrives through intake as a training incident. 409 unless planned.",
      scope: "write",
      requestParams: { path: drillId },
      responses: { 200: jsonResponse("The running drill.", drillResponseSchema) },
      errors: [401, 403, 404, 409, 422],
    }),
  },
  "/api/v1/drills/{id}/end": {
    post: operation({
      operationId: "endDrill",
      tags,
      summary: "End and score a drill",
      description: "Stops its runs and stores its score and debrief. Ending an ended drill returns it; a planned drill is 409.",
      scope: "write",
      requestParams: { path: drillId },
      responses: { 200: jsonResponse("The ended drill with its score.", drillResponseSchema) },
      errors: [401, 403, 404, 409],
    }),
  },
  "/api/v1/drills/{id}/diagnosis": {
    post: operation({
      operationId: "acceptDrillDiagnosis",
      tags,
      summary: "Accept a diagnosis",
      description: "The participants' answer: a snake_case cause (a hypothesis' `cause`), scored against the scenario's root cause when the drill ends.",
      scope: "write",
      requestParams: { path: drillId },
      requestBody: jsonBody(acceptDiagnosisSchema, { cause: "bad_feature_flag" }),
      responses: { 200: jsonResponse("The drill.", drillResponseSchema) },
      errors: [400, 401, 403, 404, 409, 422],
    }),
  },
  "/api/v1/drills/{id}/inject": {
    post: operation({
      operationId: "injectDrillFault",
      tags,
      summary: "Inject a second fault",
      description: "redis/memory, postgresql/connections, postgresql/bloat or disk/full, on top of the running drill.",
      scope: "write",
      requestParams: { path: drillId },
      requestBody: jsonBody(injectFaultSchema, { system: "redis", failure: "memory" }),
      responses: { 200: jsonResponse("The drill.", drillResponseSchema) },
      errors: [400, 401, 403, 404, 409, 422],
    }),
  },
};
