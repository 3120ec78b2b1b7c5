import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { batchSchema, generateSchema } from "@/lib/generator/shared";
import { incidentResponseSchema } from "./incidents";
import { isoTime, jsonBody, jsonResponse, operation, snakeCaseKeys } from "./shared";

const tags = ["Generator"];

export const generatorStatusSchema = z
  .object({
    enabled: z.boolean(),
    min_interval_seconds: z.number().int(),
    max_interval_seconds: z.number().int(),
    templates: z.array(z.string()).meta({ description: "Templates drawn from (empty: all)." }),
    auto_diagnose: z.boolean(),
    next_run_at: isoTime.nullable(),
    last_run_at: isoTime.nullable(),
    generated_count: z.number().int(),
    batch: z.object({ remaining: z.number().int(), interval_seconds: z.number().int(), templates: z.array(z.string()), next_at: isoTime.nullable() }).nullable(),
    last_error: z.string().nullable(),
    templates_available: z.array(z.string()),
  })
  .meta({ id: "GeneratorStatus" });

const status = { 200: jsonResponse("The generator's status.", generatorStatusSchema) };

export const generatorPaths: ZodOpenApiPathsObject = {
  "/api/v1/generator/status": {
    get: operation({ operationId: "generatorStatus", tags, summary: "Generator status", description: "Whether the generator runs, its interval, the next incident's time and a queued batch.", scope: "read", responses: status, errors: [401, 403] }),
  },
  "/api/v1/generator/start": {
    post: operation({ operationId: "startGenerator", tags, summary: "Start the generator", description: "A synthetic incident every 2–5 minutes (randomised; the interval is configurable in settings).", scope: "write", responses: status, errors: [401, 403] }),
  },
  "/api/v1/generator/stop": {
    post: operation({ operationId: "stopGenerator", tags, summary: "Stop the generator", description: "No more scheduled incidents (a queued batch still runs).", scope: "write", responses: status, errors: [401, 403] }),
  },
  "/api/v1/generator/generate": {
    post: operation({
      operationId: "generateIncident",
      tags,
      summary: "Generate one incident now",
      description: "Through intake like any sender, tagged `synthetic`. Without a template, one is drawn.",
      scope: "write",
      requestBody: { required: false, content: { "application/json": { schema: generateSchema, example: { template: "redis-memory" } } } },
      responses: { 201: jsonResponse("The incident.", z.object({ incident: incidentResponseSchema, template: z.string() })) },
      errors: [401, 403, 409, 422],
    }),
  },
  "/api/v1/generator/batch": {
    post: operation({
      operationId: "scheduleGeneratorBatch",
      tags,
      summary: "Queue a batch",
      description: "`count` incidents, one every `interval_seconds`, the templates in turn (or drawn). The first comes at the next generator tick.",
      scope: "write",
      requestBody: jsonBody(snakeCaseKeys(batchSchema), { count: 5, interval_seconds: 3600, templates: ["redis-memory", "disk-full"] }),
      responses: { 202: jsonResponse("The generator's status with the batch.", generatorStatusSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
    delete: operation({ operationId: "cancelGeneratorBatch", tags, summary: "Drop the queued batch", scope: "write", responses: status, errors: [401, 403] }),
  },
};
