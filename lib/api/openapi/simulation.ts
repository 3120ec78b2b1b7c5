import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { simulationStatuses } from "@/db/schema";
import {
  clearFailureQuerySchema,
  difficulties,
  listScenariosSchema,
  listSimulationsSchema,
  scenarioKinds,
  scenarioSchema,
  scenarioSeverities,
  startSimulationSchema,
} from "@/lib/simulation/shared";
import { systemActionOperation } from "./agent";
import { deletedSchema, isoTime, jsonBody, jsonResponse, operation, uuid } from "./shared";

const tags = ["Simulation"];

export const scenarioSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(scenarioKinds),
    source: z.enum(["builtin", "custom"]),
    service: z.string().meta({ description: "The root service the scenario breaks." }),
    severity: z.enum(scenarioSeverities),
    difficulty: z.enum(difficulties),
    tags: z.array(z.string()),
    duration_seconds: z.number(),
    metric_count: z.number().int(),
    phases: z.number().int(),
    has_conversation: z.boolean(),
  })
  .meta({ id: "ScenarioSummary" });

const scenarioResponse = z.looseObject({ ...scenarioSchema.shape, source: z.enum(["builtin", "custom"]) }).meta({ id: "Scenario" });

/** A run as the REST API returns it (`serializeSimulation`). */
export const simulationResponseSchema = z
  .strictObject({
    simulation_id: uuid,
    scenario_id: z.string(),
    scenario_name: z.string(),
    kind: z.string().meta({ description: "scenario or injection." }),
    root_service: z.string(),
    status: z.enum(simulationStatuses),
    waiting_for_remediation: z.boolean().meta({
      description: "The script has ended (or, for an injection, is open-ended) but its faults persist until an action fixes them or the run is stopped or cleared.",
    }),
    speed: z.number(),
    seed: z.number().int(),
    auto_analyze: z.boolean(),
    started_at: isoTime,
    ended_at: isoTime.nullable(),
    elapsed_seconds: z.number().meta({ description: "World time elapsed." }),
    duration_seconds: z.number(),
    progress: z.number().min(0).max(1),
    world_time: isoTime,
    health_threshold: z.number(),
    health: z.record(z.string(), z.number()).meta({ description: "Health (%) per system at the last tick." }),
    unhealthy: z.array(z.string()),
    events_emitted: z.number().int(),
    incident_id: uuid.nullable().meta({ description: "The root service's incident, once one opened." }),
    incidents: z.array(z.object({ id: uuid, number: z.number().int(), service: z.string(), system: z.string(), world_ms: z.number() })),
    interventions: z.array(z.object({ at_seconds: z.number(), action: z.string(), service: z.string().nullable(), by: z.string().nullable() })),
    diagnosis: z
      .object({ status: z.enum(["requested", "done", "failed", "unavailable"]), incidentId: z.string().optional(), summary: z.string().optional(), at: z.string().optional() })
      .nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "Simulation" });

const systemHealthSchema = z
  .object({
    system: z.string(),
    service: z.string(),
    team: z.string(),
    tier: z.number().int(),
    health: z.number(),
    threshold: z.number(),
    healthy: z.boolean(),
    detail: z.string(),
    simulations: z.array(z.object({ id: uuid, scenario_id: z.string() })),
  })
  .meta({ id: "SystemHealth" });

const scenarioPath = z.object({ id: z.string().meta({ description: "The scenario's id.", example: "memory_leak_gradual" }) });
const simulationPath = z.object({ id: uuid.meta({ description: "The run's id (`simulation_id`)." }) });
const systemPath = z.object({
  system: z.string().meta({ description: "A system of the simulated world (redis, postgres, disk, or a service of the topology).", example: "redis" }),
});

export const simulationPaths: ZodOpenApiPathsObject = {
  "/api/v1/scenarios": {
    get: operation({
      operationId: "listScenarios",
      tags,
      summary: "List scenarios",
      description: "The catalog: built-in scenarios and failure injections, then the workspace's own.",
      scope: "read",
      requestParams: { query: listScenariosSchema },
      responses: { 200: jsonResponse("The scenarios.", z.object({ items: z.array(scenarioSummarySchema) })) },
      errors: [401, 403, 422],
    }),
    post: operation({
      operationId: "saveScenario",
      tags,
      summary: "Create or replace a custom scenario",
      description: "The format `GET /api/v1/scenarios/{id}` returns (what export writes and import reads). Up to 256 KiB.",
      scope: "write",
      requestBody: jsonBody(scenarioSchema),
      responses: { 201: jsonResponse("The saved scenario.", scenarioResponse) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/scenarios/{id}": {
    get: operation({
      operationId: "getScenario",
      tags,
      summary: "Get a scenario in full",
      scope: "read",
      requestParams: { path: scenarioPath },
      responses: { 200: jsonResponse("Metrics, phases, context, expected outcome, conversation.", scenarioResponse) },
      errors: [401, 403, 404],
    }),
    delete: operation({
      operationId: "deleteScenario",
      tags,
      summary: "Delete a custom scenario",
      description: "Built-in scenarios cannot be deleted.",
      scope: "write",
      requestParams: { path: scenarioPath },
      responses: { 200: jsonResponse("Deleted.", deletedSchema.extend({ id: z.string() })) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/scenarios/{id}/start": {
    post: operation({
      operationId: "startScenario",
      tags,
      summary: "Start a drill",
      description:
        "Runs the scenario in its own simulated world. Health checks send events through intake, which opens incidents as real alerts would. " +
        "Speeds above 1× are capped so that world time stays within a day of the clock. The body may be empty.",
      scope: "write",
      requestParams: { path: scenarioPath },
      requestBody: { ...jsonBody(startSimulationSchema, { speed: 10, seed: 7, auto_analyze: true }), required: false },
      responses: {
        201: jsonResponse(
          "The run.",
          z.object({
            simulation_id: uuid,
            scenario_id: z.string(),
            status: z.enum(simulationStatuses),
            incident_id: z.null(),
            started_at: isoTime,
            speed: z.number(),
            seed: z.number().int(),
          }),
        ),
      },
      errors: [400, 401, 403, 404, 413, 422],
    }),
  },
  "/api/v1/simulations": {
    get: operation({
      operationId: "listSimulations",
      tags,
      summary: "List runs",
      description: "The workspace's drills and injections, newest first.",
      scope: "read",
      requestParams: { query: listSimulationsSchema },
      responses: { 200: jsonResponse("The runs.", z.object({ items: z.array(simulationResponseSchema) })) },
      errors: [401, 403, 422],
    }),
  },
  "/api/v1/simulations/{id}": {
    get: operation({
      operationId: "getSimulation",
      tags,
      summary: "Get a run",
      description: "Status, elapsed world time, health per system, incidents opened, diagnosis when done.",
      scope: "read",
      requestParams: { path: simulationPath },
      responses: { 200: jsonResponse("The run.", simulationResponseSchema) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/simulations/{id}/stop": {
    post: operation({
      operationId: "stopSimulation",
      tags,
      summary: "Stop a run",
      description: "Its faults end, the world heals, and recovery events reach the incidents.",
      scope: "write",
      requestParams: { path: simulationPath },
      responses: { 200: jsonResponse("The stopped run.", simulationResponseSchema) },
      errors: [401, 403, 404, 409],
    }),
  },
  "/api/v1/systems": {
    get: operation({
      operationId: "listSystems",
      tags,
      summary: "Health per system",
      description: "Health (%) of each system of the simulated world, with the threshold below which health checks send ERROR events.",
      scope: "read",
      responses: { 200: jsonResponse("Health per system.", z.object({ threshold: z.number(), systems: z.array(systemHealthSchema) })) },
      errors: [401, 403],
    }),
  },
  "/api/v1/systems/{system}/trigger/{failure}": {
    post: operation({
      operationId: "triggerFailure",
      tags,
      summary: "Inject a failure",
      description: "`redis/memory`, `postgres/connections`, `postgres/bloat` or `disk/full`; open-ended until cleared. A failure already injected is a 409. The body may be empty.",
      scope: "write",
      requestParams: {
        path: systemPath.extend({ failure: z.string().meta({ description: "The failure of that system.", example: "memory" }) }),
      },
      requestBody: { ...jsonBody(startSimulationSchema), required: false },
      responses: { 201: jsonResponse("The injection's run.", simulationResponseSchema) },
      errors: [400, 401, 403, 404, 409, 413, 422],
    }),
  },
  "/api/v1/systems/{system}/clear": {
    post: operation({
      operationId: "clearFailure",
      tags,
      summary: "Clear injected failures",
      description: "All of the system's injected failures, or only `?failure=`. Clearing a healthy system changes nothing.",
      scope: "write",
      requestParams: { path: systemPath, query: clearFailureQuerySchema },
      responses: { 200: jsonResponse("The runs that ended.", z.object({ system: z.string(), cleared: z.array(simulationResponseSchema) })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/systems/{system}/actions": { post: systemActionOperation },
};
