import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { actorKinds, eventLevels, incidentStatuses, incidentTypes, remediationModes, severities } from "@/db/schema";
import { attemptSchema, diagnosisSchema, listDiagnosesSchema, providerIds } from "@/lib/diagnosis/shared";
import { createIncidentSchema, incidentIdSchema, listIncidentsSchema, updateIncidentSchema } from "@/lib/incidents/shared";
import { cursorPageSchema } from "@/lib/intake/shared";
import { deletedSchema, idParam, isoTime, jsonBody, jsonResponse, operation, pageOf, snakeCaseKeys, uuid } from "./shared";

const nullableTime = isoTime.nullable();

/** An incident as the REST API returns it (`serializeIncident`). */
export const incidentResponseSchema = z
  .strictObject({
    id: uuid,
    number: z.number().int().min(1).meta({ description: "Sequential per workspace." }),
    key: z.string().meta({ description: "`INC-<number>`.", example: "INC-42" }),
    title: z.string(),
    description: z.string(),
    service: z.string(),
    team: z.string().nullable(),
    severity: z.enum(severities),
    status: z.enum(incidentStatuses),
    generated_by: z.string(),
    incident_type: z.enum(incidentTypes),
    actionable: z.boolean(),
    affected_systems: z.array(z.string()),
    remediation_mode: z.enum(remediationModes),
    receives_intake: z.boolean().meta({ description: "Whether intake attaches the service's events to this incident (see docs/intake.md)." }),
    metadata: z.record(z.string(), z.unknown()),
    notes: z.string(),
    source: z.string().meta({ description: "manual, api, generic, alertmanager, pagerduty, grafana or simulator." }),
    fingerprint: z.string().nullable(),
    event_count: z.number().int().min(0),
    first_event_at: nullableTime,
    last_event_at: nullableTime,
    version: z.number().int().min(1).meta({ description: "Send it back with a PATCH: a stale one is a 409." }),
    created_by_kind: z.enum(actorKinds),
    created_by_id: z.string().nullable(),
    created_by_name: z.string(),
    acknowledged_at: nullableTime,
    resolved_at: nullableTime,
    closed_at: nullableTime,
    resolution_summary: z.string().nullable().meta({ description: "What ended the incident, given on resolve (optional)." }),
    resolution_cause: z.string().nullable().meta({ description: "What caused it, given on resolve (optional)." }),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: "Incident" });

/** An event attached to an incident (`GET /incidents/{id}/events`). */
export const incidentEventSchema = z
  .strictObject({
    id: uuid,
    service: z.string(),
    level: z.enum(eventLevels),
    message: z.string(),
    timestamp: isoTime,
    attributes: z.record(z.string(), z.unknown()),
    source: z.string(),
    fingerprint: z.string().nullable(),
    dedup_key: z.string().nullable(),
  })
  .meta({ id: "IncidentEvent" });

export const diagnosisRecordSchema = z
  .object({
    id: z.string(),
    incident_id: uuid,
    provider: z.enum(providerIds),
    model: z.string(),
    time_to_first_token_ms: z.number().nullable(),
    total_ms: z.number(),
    input_tokens: z.number().nullable(),
    output_tokens: z.number().nullable(),
    attempts: z.array(attemptSchema).meta({ description: "Every provider tried, in order, and why any was skipped." }),
    requested_by: z.string().nullable().optional(),
    created_at: z.string().optional(),
    diagnosis: diagnosisSchema,
  })
  .meta({ id: "Diagnosis" });

const incidentPath = idParam("The incident's id (a UUID).", incidentIdSchema);
const tags = ["Incidents"];

export const incidentPaths: ZodOpenApiPathsObject = {
  "/api/v1/incidents": {
    get: operation({
      operationId: "listIncidents",
      tags,
      summary: "List incidents",
      description: "Newest first. Filters take comma-separated values (`?status=triage,investigating&severity=P0,P1`). Keyset-paginated: pass `next_cursor` back as `cursor`.",
      scope: "read",
      requestParams: { query: listIncidentsSchema },
      responses: { 200: jsonResponse("A page of incidents.", pageOf(incidentResponseSchema)) },
      errors: [401, 403, 422],
    }),
    post: operation({
      operationId: "createIncident",
      tags,
      summary: "Create an incident",
      description: "Every field of the incident; `metadata` is free JSON up to 64 KiB.",
      scope: "write",
      requestBody: jsonBody(snakeCaseKeys(createIncidentSchema), {
        title: "Checkout payments failing",
        service: "checkout",
        team: "payments",
        severity: "P1",
        affected_systems: ["payment-gateway"],
        metadata: { runbook: "https://runbooks.example.com/checkout" },
      }),
      responses: { 201: jsonResponse("The incident, numbered.", incidentResponseSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/incidents/{id}": {
    get: operation({
      operationId: "getIncident",
      tags,
      summary: "Get an incident",
      scope: "read",
      requestParams: { path: incidentPath },
      responses: { 200: jsonResponse("The incident.", incidentResponseSchema) },
      errors: [401, 403, 404],
    }),
    patch: operation({
      operationId: "updateIncident",
      tags,
      summary: "Edit an incident and/or move its status",
      description:
        "Send the `version` you read and at least one field. Fields and `status` commit together or not at all; a stale `version` is a 409 and changes nothing.",
      scope: "write",
      requestParams: { path: incidentPath },
      requestBody: jsonBody(snakeCaseKeys(updateIncidentSchema), { version: 3, status: "investigating", severity: "P0" }),
      responses: { 200: jsonResponse("The incident after the change.", incidentResponseSchema) },
      errors: [400, 401, 403, 404, 409, 413, 422],
    }),
    delete: operation({
      operationId: "deleteIncident",
      tags,
      summary: "Delete an incident",
      scope: "write",
      requestParams: { path: incidentPath },
      responses: { 200: jsonResponse("The deleted incident.", deletedSchema.extend({ number: z.number().int() })) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/incidents/{id}/events": {
    get: operation({
      operationId: "listIncidentEvents",
      tags,
      summary: "List an incident's events",
      description: "The signals attached to the incident, newest first. Pass `next_cursor` back as `before`.",
      scope: "read",
      requestParams: { path: incidentPath, query: cursorPageSchema },
      responses: { 200: jsonResponse("A page of events.", pageOf(incidentEventSchema, true)) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/incidents/{id}/events/{eventId}": {
    get: operation({
      operationId: "getIncidentEvent",
      tags,
      summary: "Get one event with its raw payload",
      description: "The payload exactly as the integration sent it (`raw`).",
      scope: "read",
      requestParams: { path: incidentPath.extend({ eventId: uuid.meta({ description: "The event's id." }) }) },
      responses: { 200: jsonResponse("The event.", z.looseObject({ id: uuid, raw: z.unknown() })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/incidents/{id}/diagnose": {
    post: operation({
      operationId: "diagnoseIncident",
      tags: ["Diagnosis"],
      summary: "Run an AI diagnosis",
      description:
        "Runs the provider chain (Groq → Gemini → offline engine) and answers with the finished, saved diagnosis. Rate-limited per workspace (429); 503 when no provider produced a valid answer (nothing is saved).",
      scope: "write",
      requestParams: { path: incidentPath },
      responses: { 201: jsonResponse("The saved diagnosis.", diagnosisRecordSchema) },
      errors: [401, 403, 404, 429, 503],
    }),
  },
  "/api/v1/incidents/{id}/diagnoses": {
    get: operation({
      operationId: "listDiagnoses",
      tags: ["Diagnosis"],
      summary: "List an incident's diagnoses",
      description: "Newest first.",
      scope: "read",
      requestParams: { path: incidentPath, query: listDiagnosesSchema },
      responses: { 200: jsonResponse("The diagnoses.", z.object({ items: z.array(diagnosisRecordSchema) })) },
      errors: [401, 403, 404, 422],
    }),
  },
};
