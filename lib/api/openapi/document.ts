import { z } from "zod";
import { createDocument, type ZodOpenApiObject } from "zod-openapi";
import { eventLevels } from "@/db/schema";
import { eventInputSchema, levelSchema, timestampSchema, alertGroupSchema } from "@/lib/intake/shared";
import { securitySchemes } from "./shared";
import { incidentPaths } from "./incidents";
import { intakePaths } from "./intake";
import { simulationPaths } from "./simulation";
import { agentPaths } from "./agent";
import { oncallPaths } from "./oncall";
import { generatorPaths } from "./generator";
import { warRoomPaths } from "./warroom";
import { alertsPaths } from "./alerts";
import { analyticsPaths } from "./analytics";
import { drillPaths } from "./drills";
import { runbookPaths } from "./runbooks";

/**
 * The OpenAPI 3.1 description of `/api/v1`, generated from the zod schemas the routes validate with.
 * `openapi.test.ts` checks that every route under app/api/v1 is in it and that it is valid.
 */

const description = `Firedrill's REST API: incidents, intake (events and the webhook formats of Alertmanager, Grafana and PagerDuty), AI diagnosis, the simulated world and the SRE agent.

**Authentication.** Machines send an API key, created by an admin in *Settings → API keys*: \`Authorization: Bearer fd_live_…\` (or \`X-API-Key\`). Keys carry scopes: \`ingest\` (intake only), \`read\`, \`write\` (includes read) and \`admin\` (includes all). A signed-in browser session works too; it picks the workspace with \`?workspace=<slug>\`, and its writes must come from the app's own origin.

**Conventions.** JSON bodies and answers use snake_case. Lists are newest first and keyset-paginated: an answer's \`next_cursor\` goes back as the next request's \`cursor\` (incidents) or \`before\` (events, dead letters); it is null on the last page.

**Errors.** Every error is \`{ error, code, issues? }\` — \`code\` is \`type:surface\` (\`not_found:incident\`), \`issues\` names each invalid field — with 400 (malformed JSON), 401 (no or revoked key), 403 (scope or role), 404, 409 (stale \`version\`), 413 (body too large), 422 (invalid fields), 429 or 503 (rate limits, with \`Retry-After\`). Nothing is written when a request fails.`;

/** Descriptions for schemas whose JSON Schema alone says too little (they transform their input). */
const annotations = new Map<z.ZodType, Record<string, unknown>>([
  [levelSchema, { description: `${eventLevels.join(", ")} — case-insensitive, with the usual aliases (warn, err, crit, fatal, emerg, panic, notice, trace…).`, examples: ["error"] }],
  [timestampSchema, { description: "ISO 8601, or epoch seconds or milliseconds. Default: now. At most a day ahead.", examples: ["2026-11-20T10:02:11Z"] }],
  [
    eventInputSchema.shape.attributes,
    { description: "Free JSON object, up to 16 KiB.", anyOf: [{ type: "object", additionalProperties: true }, { type: "null" }] },
  ],
  [alertGroupSchema.shape.groupLabels, { type: "object", additionalProperties: { type: ["string", "number", "boolean", "null"] } }],
]);

const openApiJsonPath = {
  get: {
    operationId: "getOpenApiDocument",
    tags: ["Meta"],
    summary: "This document",
    description: "The OpenAPI 3.1 description of the API. Public and cacheable.",
    security: [],
    responses: { 200: { description: "The document.", content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } } } },
  },
};

function build() {
  const spec: ZodOpenApiObject = {
    openapi: "3.1.0",
    info: { title: "Firedrill API", version: "1.0.0", description },
    servers: [{ url: "/", description: "This Firedrill instance" }],
    tags: [
      { name: "Incidents" },
      { name: "Intake", description: "Events, threshold rules and dead letters." },
      { name: "Integrations", description: "The webhook formats monitoring tools already send." },
      { name: "Diagnosis" },
      { name: "Simulation", description: "Scenarios, drills and failure injection on the simulated world." },
      { name: "Agent", description: "The SRE agent: catalog-only plans, approval, execution, verification and rollback." },
      { name: "Analytics", description: "MTTA/MTTR, SLA attainment and volume reports." },
      { name: "Game days", description: "Facilitated drills: create, start, inject, accept a diagnosis, end and score; the leaderboard." },
      { name: "Benchmark" },
      { name: "On-call", description: "Incident roles, schedules, escalation policies and acknowledgement." },
      { name: "Notifications", description: "Outbound webhooks and the member's own inbox and rules." },
      { name: "Alerts", description: "The signals intake received, silences and maintenance windows." },
      { name: "Runbooks", description: "Procedures, their suggestions on incidents and checklist ticks." },
      { name: "Post-mortems", description: "Reports drafted from an incident's records, reviewed, published and exported." },
      { name: "Meta" },
    ],
    paths: {
      ...incidentPaths,
      ...intakePaths,
      ...simulationPaths,
      ...agentPaths,
      ...oncallPaths,
      ...generatorPaths,
      ...warRoomPaths,
      ...alertsPaths,
      ...analyticsPaths,
      ...drillPaths,
      ...runbookPaths,
      "/api/v1/openapi.json": openApiJsonPath,
    },
    components: { securitySchemes },
  };
  const doc = createDocument(spec, {
    allowEmptySchema: { custom: true },
    override: ({ jsonSchema, zodSchema }) => {
      const extra = annotations.get(zodSchema as unknown as z.ZodType);
      if (!extra) return;
      if ("anyOf" in extra) delete jsonSchema.anyOf;
      Object.assign(jsonSchema, extra);
    },
  });
  return commaSeparatedArrays(doc);
}

/** Array query parameters are sent comma-separated (`?status=triage,fixing`), not repeated. */
function commaSeparatedArrays<T extends ReturnType<typeof createDocument>>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const p of (op as { parameters?: { in?: string; schema?: { type?: unknown }; style?: string; explode?: boolean }[] }).parameters ?? []) {
        if (p.in === "query" && p.schema?.type === "array") Object.assign(p, { style: "form", explode: false });
      }
    }
  }
  return doc;
}

let cached: ReturnType<typeof build> | undefined;

/** The document, built once per process (it depends only on the code). */
export function openApiDocument() {
  cached ??= build();
  return cached;
}
