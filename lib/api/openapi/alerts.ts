import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { recurrences, suppressionKinds } from "@/db/schema/alerts";
import { createMaintenanceWindowSchema, createSilenceSchema, signalFiltersSchema, signalStates } from "@/lib/alerts/shared";
import { deletedSchema, idParam, isoTime, jsonBody, jsonResponse, operation, pageOf, uuid } from "./shared";

const tags = ["Alerts"];

const matcherSchema = z.object({
  service: z.string().optional(),
  source: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  text: z.string().optional(),
});

export const signalResponseSchema = z
  .strictObject({
    id: z.string().meta({ description: "`a:<id>` an alert of an alert group, `i:<id>` a key that opened an incident (events over a threshold, a PagerDuty dedup key), `s:<id>` a signal a silence or maintenance window held." }),
    source: z.string(),
    signal_key: z.string().meta({ description: "The alert's fingerprint, the dedup key, or the events' grouping key." }),
    service: z.string(),
    title: z.string(),
    state: z.enum(signalStates),
    labels: z.record(z.string(), z.string()),
    first_seen_at: isoTime,
    last_seen_at: isoTime,
    notifications: z.number().int().meta({ description: "Notifications received (alerts), or events counted (keys)." }),
    incident: z.object({ id: uuid, number: z.number().int(), title: z.string() }).nullable(),
    suppressed_by: z.object({ kind: z.enum(suppressionKinds), id: uuid.nullable() }).nullable(),
  })
  .meta({ id: "Signal" });

export const silenceResponseSchema = z
  .strictObject({
    id: uuid,
    matcher: matcherSchema,
    starts_at: isoTime,
    ends_at: isoTime,
    reason: z.string(),
    state: z.enum(["active", "pending", "expired"]),
    created_by: z.string(),
    created_at: isoTime,
    expired_at: isoTime.nullable(),
  })
  .meta({ id: "Silence" });

const occurrence = z.object({ start: isoTime, end: isoTime }).nullable();

export const maintenanceWindowResponseSchema = z
  .strictObject({
    id: uuid,
    services: z.array(z.string()).meta({ description: "Empty: every service." }),
    starts_at: isoTime,
    ends_at: isoTime,
    recurrence: z.enum(recurrences),
    recurrence_until: isoTime.nullable(),
    reason: z.string(),
    created_by: z.string(),
    created_at: isoTime,
    active_now: occurrence,
    next: occurrence,
  })
  .meta({ id: "MaintenanceWindow" });

export const similarIncidentSchema = z
  .strictObject({
    id: uuid,
    number: z.number().int(),
    title: z.string(),
    service: z.string(),
    status: z.string(),
    created_at: isoTime,
    resolved_at: isoTime.nullable(),
    reasons: z.array(z.enum(["fingerprint", "service", "text"])),
    score: z.number(),
    root_cause: z.string().nullable().meta({ description: "The top hypothesis of its latest diagnosis." }),
  })
  .meta({ id: "SimilarIncident" });

export const alertsPaths: ZodOpenApiPathsObject = {
  "/api/v1/incidents/{id}/similar": {
    get: operation({
      operationId: "listSimilarIncidents",
      tags,
      summary: "Similar past incidents",
      description: "Resolved or closed incidents of the workspace: the same fingerprint first, then the same service, then text similarity of title, service and description (PostgreSQL full-text search). At most 5.",
      scope: "read",
      requestParams: { path: idParam("The incident's id.") },
      responses: { 200: jsonResponse("The similar incidents.", z.object({ items: z.array(similarIncidentSchema) })) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/signals": {
    get: operation({
      operationId: "listSignals",
      tags,
      summary: "List the signals intake received",
      description: "Alerts of Alertmanager and Grafana groups, keys that opened incidents, and signals held by a silence or maintenance window; newest first (by first seen), keyset-paginated with `cursor`.",
      scope: "read",
      requestParams: { query: signalFiltersSchema },
      responses: { 200: jsonResponse("A page of signals.", pageOf(signalResponseSchema)) },
      errors: [400, 401, 403, 422],
    }),
  },
  "/api/v1/silences": {
    get: operation({
      operationId: "listSilences",
      tags,
      summary: "List silences",
      description: "In force and pending first (soonest end first), then expired ones (most recent first).",
      scope: "read",
      responses: { 200: jsonResponse("The silences.", z.object({ items: z.array(silenceResponseSchema) })) },
      errors: [401, 403],
    }),
    post: operation({
      operationId: "createSilence",
      tags,
      summary: "Create a silence",
      description: "From its start (default now) to its end (`ends_at`, or `duration_minutes` after the start), signals matching every field of `matcher` are recorded but open nothing and page nobody.",
      scope: "write",
      requestBody: jsonBody(createSilenceSchema, { matcher: { service: "checkout", labels: { alertname: "HighErrorRate" } }, duration_minutes: 120, reason: "Known issue, fix deploying" }),
      responses: { 201: jsonResponse("The silence.", silenceResponseSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/silences/{id}": {
    delete: operation({
      operationId: "expireSilence",
      tags,
      summary: "Expire a silence",
      description: "Ends it now; it stays listed as expired.",
      scope: "write",
      requestParams: { path: idParam("The silence's id.") },
      responses: { 200: jsonResponse("The silence.", silenceResponseSchema) },
      errors: [401, 403, 404],
    }),
  },
  "/api/v1/maintenance-windows": {
    get: operation({
      operationId: "listMaintenanceWindows",
      tags,
      summary: "List maintenance windows",
      scope: "read",
      responses: { 200: jsonResponse("The windows.", z.object({ items: z.array(maintenanceWindowResponseSchema) })) },
      errors: [401, 403],
    }),
    post: operation({
      operationId: "createMaintenanceWindow",
      tags,
      summary: "Create a maintenance window",
      description: "During the window, intake still records the events of its services (none listed: all) but opens no incident and pages nobody. `recurrence` repeats it daily or weekly until `recurrence_until`.",
      scope: "write",
      requestBody: jsonBody(createMaintenanceWindowSchema, { services: ["postgres"], starts_at: "2026-12-08T02:00:00Z", ends_at: "2026-12-08T03:00:00Z", recurrence: "weekly", reason: "Weekly vacuum" }),
      responses: { 201: jsonResponse("The window.", maintenanceWindowResponseSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/maintenance-windows/{id}": {
    delete: operation({
      operationId: "deleteMaintenanceWindow",
      tags,
      summary: "Delete a maintenance window",
      scope: "write",
      requestParams: { path: idParam("The window's id.") },
      responses: { 200: jsonResponse("Deleted.", deletedSchema) },
      errors: [401, 403, 404],
    }),
  },
};
