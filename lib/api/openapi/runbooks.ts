import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { postmortemPatchSchema } from "@/lib/postmortems/shared";
import { runbookInputSchema } from "@/lib/runbooks/shared";
import { idParam, isoTime, jsonBody, jsonResponse, operation, uuid } from "./shared";

const incidentPath = idParam("The incident's id (a UUID).");

const runbookSchema = z
  .object({
    id: uuid,
    title: z.string(),
    summary: z.string(),
    services: z.array(z.string()),
    categories: z.array(z.string()).meta({ description: "Diagnosis categories it applies to (memory, latency, …)." }),
    body: z.string().meta({ description: "Markdown; `- [ ]` lines are checklist items." }),
    version: z.number().int(),
    origin: z.string().meta({ description: "builtin or user." }),
    updated_by_name: z.string(),
    updated_at: isoTime,
  })
  .meta({ id: "Runbook" });

const postmortemDocument = z.looseObject({ schema_version: z.literal(1), id: uuid, status: z.enum(["draft", "in_review", "published"]), version: z.number().int() }).meta({
  description: "The post-mortem as JSON; the full shape is the JSON Schema at `GET /api/v1/postmortems/schema`.",
});

export const runbookPaths: ZodOpenApiPathsObject = {
  "/api/v1/runbooks": {
    get: operation({
      operationId: "listRunbooks",
      tags: ["Runbooks"],
      summary: "List runbooks",
      description: "The workspace's runbooks by title, the built-in library included.",
      scope: "read",
      responses: { 200: jsonResponse("The runbooks.", z.object({ runbooks: z.array(runbookSchema) })) },
      errors: [401, 403],
    }),
    post: operation({
      operationId: "createRunbook",
      tags: ["Runbooks"],
      summary: "Add a runbook",
      description: "A title, the services and diagnosis categories it applies to, and a markdown body. Version 1 is kept in its history.",
      scope: "write",
      requestBody: jsonBody(runbookInputSchema, { title: "Checkout 5xx", services: ["checkout"], categories: ["deployment"], body: "## Investigation steps\n- [ ] Compare the error rate with the last deploy" }),
      responses: { 201: jsonResponse("The runbook.", runbookSchema) },
      errors: [400, 401, 403, 409, 413, 422],
    }),
  },
  "/api/v1/incidents/{id}/runbooks": {
    get: operation({
      operationId: "listIncidentRunbooks",
      tags: ["Runbooks"],
      summary: "Runbooks of an incident",
      description: "Attached runbooks with their ticked checklist items, suggestions ranked by the incident's service then its diagnosed category, and `runbook_url` links from its alerts.",
      scope: "read",
      requestParams: { path: incidentPath },
      responses: {
        200: jsonResponse(
          "Attached, suggested and linked runbooks.",
          z.object({
            attached: z.array(z.looseObject({ id: uuid, runbook: runbookSchema, runbook_version: z.number().int(), checked: z.array(z.number().int()) })),
            suggestions: z.array(z.object({ runbook: runbookSchema, score: z.number(), reasons: z.array(z.string()) })),
            links: z.array(z.object({ url: z.string(), source: z.string() })),
          }),
        ),
      },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/incidents/{id}/postmortem": {
    get: operation({
      operationId: "getPostmortem",
      tags: ["Post-mortems"],
      summary: "Export an incident's post-mortem",
      description: "`?format=json` (default; validates against `GET /api/v1/postmortems/schema`), `md` (Markdown with every section) or `pdf` (title block, headings, the timeline as a table, page numbers).",
      scope: "read",
      requestParams: { path: incidentPath, query: z.object({ format: z.enum(["json", "md", "pdf"]).optional() }) },
      responses: {
        200: {
          description: "The report.",
          content: { "application/json": { schema: postmortemDocument }, "text/markdown": { schema: z.string() }, "application/pdf": { schema: z.string().meta({ format: "binary" }) } },
        },
      },
      errors: [400, 401, 403, 404],
    }),
    post: operation({
      operationId: "createPostmortem",
      tags: ["Post-mortems"],
      summary: "Draft the post-mortem",
      description: "Drafts every section of the report template from the incident's records (history, notes, diagnoses, agent steps, SLA, topology). 422 unless the incident is resolved; 409 when it already has one.",
      scope: "write",
      requestParams: { path: incidentPath },
      responses: { 201: jsonResponse("The draft.", postmortemDocument) },
      errors: [401, 403, 404, 409, 422],
    }),
    patch: operation({
      operationId: "updatePostmortem",
      tags: ["Post-mortems"],
      summary: "Edit, accept or move the post-mortem",
      description: "Section bodies (a person's edit accepts the section), `accepted: true` for a drafted section, the title, and the status (draft → in_review → published, or back to draft). Carries the `version` it read: stale is a 409. Publishing needs every section accepted (422 naming the drafts).",
      scope: "write",
      requestParams: { path: incidentPath },
      requestBody: jsonBody(postmortemPatchSchema, { version: 2, sections: [{ key: "root_cause", accepted: true }], status: "in_review" }),
      responses: { 200: jsonResponse("The post-mortem.", postmortemDocument) },
      errors: [400, 401, 403, 404, 409, 413, 422],
    }),
  },
  "/api/v1/postmortems/schema": {
    get: {
      operationId: "getPostmortemSchema",
      tags: ["Post-mortems"],
      summary: "JSON Schema of the post-mortem export",
      security: [],
      responses: { 200: { description: "JSON Schema 2020-12.", content: { "application/schema+json": { schema: z.looseObject({ $schema: z.string() }) } } } },
    },
  },
};
