import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { notificationChannelOptions, notificationEventOptions, webhookEventOptions } from "@/lib/notifications/shared";
import { severityModeOptions } from "@/lib/oncall/shared";
import { incidentResponseSchema } from "./incidents";
import { isoTime, jsonBody, jsonResponse, operation, uuid } from "./shared";

/**
 * On-call and notifications on the wire (snake_case at every depth): roles, acknowledgement,
 * schedules, escalation policies, webhooks and the member's own notifications.
 */
const oncallTags = ["On-call"];
const notifyTags = ["Notifications"];
const idPath = (what: string) => z.object({ id: uuid.meta({ description: `The ${what}'s id.` }) });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).meta({ description: "Local time, HH:MM.", example: "09:00" });
const timeZone = z.string().meta({ description: "An IANA time zone.", example: "Europe/Berlin" });

const rolesBody = z
  .object({
    lead: uuid.nullable().optional().meta({ description: "The incident lead (commander); null clears it." }),
    scribe: uuid.nullable().optional(),
    comms: uuid.nullable().optional().meta({ description: "The communications lead." }),
    responders: z.array(uuid).max(50).optional().meta({ description: "Replaces the list of responders." }),
  })
  .meta({ id: "RolesInput", description: "User ids of workspace members. A field left out keeps its holder." });
const rolesResponse = z.object({ incident_id: uuid, lead: uuid.nullable(), scribe: uuid.nullable(), comms: uuid.nullable(), responders: z.array(uuid) }).meta({ id: "Roles" });

const layer = z.object({
  name: z.string().min(1).max(60),
  rotation: z.enum(["daily", "weekly"]),
  handoff_time: hhmm,
  handoff_day: z.number().int().min(0).max(6).optional().meta({ description: "Weekly rotations: 0 Sunday … 6 Saturday (default 1, Monday)." }),
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: "Local date of the first hand-off (weekly: moved forward to handoff_day).", example: "2026-12-07" }),
  members: z.array(uuid).min(1).max(100).meta({ description: "User ids in rotation order." }),
});
const scheduleBody = z.object({ name: z.string().min(1).max(100), time_zone: timeZone, layers: z.array(layer).min(1).max(5).meta({ description: "Primary first, then secondary…" }) }).meta({ id: "ScheduleInput" });
const scheduleResponse = z
  .object({ id: uuid, name: z.string(), time_zone: z.string(), layers: z.array(layer.extend({ handoff_day: z.number().int() })), created_at: isoTime })
  .meta({ id: "Schedule" });
const shift = z
  .object({ layer: z.number().int().meta({ description: "0 primary, 1 secondary…" }), user_id: uuid, start: isoTime, end: isoTime, source: z.enum(["rotation", "override"]) })
  .meta({ id: "Shift" });
const overrideBody = z
  .object({ layer: z.number().int().min(0).max(4).optional(), user_id: uuid, starts_at: isoTime, ends_at: isoTime })
  .meta({ id: "OverrideInput" });
const overrideResponse = z.object({ id: uuid, schedule_id: uuid, layer: z.number().int(), user_id: uuid, starts_at: isoTime, ends_at: isoTime }).meta({ id: "Override" });

const target = z.union([
  z.object({ type: z.literal("schedule"), id: uuid, layer: z.number().int().min(0).max(4).optional().meta({ description: "Which layer pages (default 0, primary)." }) }),
  z.object({ type: z.literal("user"), id: uuid }),
]);
const level = z.object({ targets: z.array(target).min(1).max(20), timeout_minutes: z.number().int().min(1).max(1440) });
const mode = z.enum(severityModeOptions);
const businessHours = z.object({ time_zone: timeZone, days: z.array(z.number().int().min(0).max(6)).max(7).meta({ description: "0 Sunday … 6 Saturday." }), start: hhmm, end: hhmm });
const severityModes = z.object({ P0: mode, P1: mode, P2: mode, P3: mode }).meta({ description: "Default: P0 and P1 immediate, P2 business_hours, P3 never." });
const policyBody = z
  .object({
    name: z.string().min(1).max(100),
    levels: z.array(level).min(1).max(10),
    repeat: z.number().int().min(0).max(5).optional().meta({ description: "Extra rounds of the whole ladder after the last level times out (default 0)." }),
    services: z.array(z.string()).max(100).optional().meta({ description: "Services it covers (empty: any). A policy naming the service wins over one naming the severity, which wins over a catch-all." }),
    severities: z.array(z.enum(["P0", "P1", "P2", "P3"])).max(4).optional(),
    severity_modes: severityModes.optional(),
    business_hours: businessHours.optional().meta({ description: "Default Monday–Friday 09:00–17:00 UTC." }),
  })
  .meta({ id: "EscalationPolicyInput" });
const policyResponse = z
  .object({
    id: uuid,
    name: z.string(),
    levels: z.array(level),
    repeat: z.number().int(),
    services: z.array(z.string()),
    severities: z.array(z.string()),
    severity_modes: severityModes,
    business_hours: businessHours,
    created_at: isoTime,
  })
  .meta({ id: "EscalationPolicy" });

const webhookBody = z
  .object({
    url: z.string().meta({ description: "http(s) URL that receives POSTed JSON.", example: "https://hooks.example.com/firedrill" }),
    events: z.array(z.enum(webhookEventOptions)).optional().meta({ description: "Event types to send (empty or absent: all)." }),
    secret: z.string().min(16).max(200).optional().meta({ description: "Signing secret (default: generated and returned once)." }),
  })
  .meta({ id: "WebhookInput" });
const webhookResponse = z.object({ id: uuid, url: z.string(), events: z.array(z.string()), enabled: z.boolean(), created_at: isoTime }).meta({ id: "Webhook" });
const deliveryResponse = z
  .object({
    id: uuid,
    webhook_id: uuid.nullable(),
    event: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    log: z.array(z.object({ at: isoTime, status_code: z.number().int().nullable(), error: z.string().nullable(), ms: z.number() })),
    payload: z.looseObject({}).meta({ description: "The document POSTed: { id, type, created_at, workspace_id, data }." }),
    next_attempt_at: isoTime,
    delivered_at: isoTime.nullable(),
    created_at: isoTime,
  })
  .meta({ id: "WebhookDelivery" });

const rule = z.object({ event: z.enum(notificationEventOptions), channels: z.array(z.enum(notificationChannelOptions)).max(3) });
const rulesBody = z.object({ rules: z.array(rule).max(notificationEventOptions.length) }).meta({ id: "NotificationRulesInput" });
const ruleResponse = rule.extend({ custom: z.boolean().meta({ description: "False: the default (inbox; pages by email too)." }) });
const inboxResponse = z
  .object({
    unread: z.number().int(),
    items: z.array(z.object({ id: uuid, event: z.enum(notificationEventOptions), title: z.string(), body: z.string(), incident_id: uuid.nullable(), read_at: isoTime.nullable(), created_at: isoTime })),
    rules: z.array(ruleResponse),
  })
  .meta({ id: "MyNotifications" });

export const oncallPaths: ZodOpenApiPathsObject = {
  "/api/v1/incidents/{id}/roles": {
    get: operation({
      operationId: "getIncidentRoles",
      tags: oncallTags,
      summary: "An incident's roles",
      scope: "read",
      requestParams: { path: idPath("incident") },
      responses: { 200: jsonResponse("The roles.", rolesResponse) },
      errors: [401, 403, 404, 422],
    }),
    put: operation({
      operationId: "setIncidentRoles",
      tags: oncallTags,
      summary: "Set an incident's roles",
      description: "Each changed role writes a handover line on the timeline; new holders are notified (`assigned`).",
      scope: "write",
      requestParams: { path: idPath("incident") },
      requestBody: jsonBody(rolesBody, { lead: "0193a1b2-0000-7000-8000-000000000001" }),
      responses: { 200: jsonResponse("The roles after the change.", rolesResponse) },
      errors: [400, 401, 403, 404, 413, 422],
    }),
  },
  "/api/v1/incidents/{id}/acknowledge": {
    post: operation({
      operationId: "acknowledgeIncident",
      tags: oncallTags,
      summary: "Acknowledge an incident",
      description: "Stops its escalation and moves it out of triage. Acknowledging again changes nothing (`changed: false`).",
      scope: "write",
      requestParams: { path: idPath("incident") },
      responses: { 200: jsonResponse("The incident.", z.object({ incident: incidentResponseSchema, escalation_stopped: z.boolean(), changed: z.boolean() })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/schedules": {
    get: operation({ operationId: "listSchedules", tags: oncallTags, summary: "List schedules", scope: "read", responses: { 200: jsonResponse("The schedules.", z.object({ items: z.array(scheduleResponse) })) }, errors: [401, 403] }),
    post: operation({
      operationId: "createSchedule",
      tags: oncallTags,
      summary: "Create a schedule",
      description: "Hand-offs are wall-clock times in the schedule's time zone, so they stay put across daylight-saving changes.",
      scope: "admin",
      requestBody: jsonBody(scheduleBody, {
        name: "Platform",
        time_zone: "Europe/Berlin",
        layers: [{ name: "Primary", rotation: "weekly", handoff_time: "09:00", handoff_day: 1, start_date: "2026-12-07", members: ["0193a1b2-0000-7000-8000-000000000001"] }],
      }),
      responses: { 201: jsonResponse("The schedule.", scheduleResponse) },
      errors: [400, 401, 403, 409, 413, 422],
    }),
  },
  "/api/v1/schedules/{id}/oncall": {
    get: operation({
      operationId: "getOnCall",
      tags: oncallTags,
      summary: "Who is on call",
      description: "Each layer's person at `at` (default now), overrides applied, and each layer's next three shifts.",
      scope: "read",
      requestParams: { path: idPath("schedule"), query: z.object({ at: isoTime.optional() }) },
      responses: { 200: jsonResponse("On call.", z.object({ schedule_id: uuid, at: isoTime, on_call: z.array(shift), next: z.array(shift) })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/schedules/{id}/overrides": {
    post: operation({
      operationId: "addOverride",
      tags: oncallTags,
      summary: "Override a schedule for a date range",
      scope: "write",
      requestParams: { path: idPath("schedule") },
      requestBody: jsonBody(overrideBody, { layer: 0, user_id: "0193a1b2-0000-7000-8000-000000000001", starts_at: "2026-12-24T00:00:00Z", ends_at: "2026-12-27T00:00:00Z" }),
      responses: { 201: jsonResponse("The override.", overrideResponse) },
      errors: [400, 401, 403, 404, 413, 422],
    }),
  },
  "/api/v1/escalation-policies": {
    get: operation({ operationId: "listEscalationPolicies", tags: oncallTags, summary: "List escalation policies", scope: "read", responses: { 200: jsonResponse("The policies.", z.object({ items: z.array(policyResponse) })) }, errors: [401, 403] }),
    post: operation({
      operationId: "createEscalationPolicy",
      tags: oncallTags,
      summary: "Create an escalation policy",
      scope: "admin",
      requestBody: jsonBody(policyBody, {
        name: "Default",
        levels: [
          { targets: [{ type: "schedule", id: "0193a1b2-0000-7000-8000-0000000000aa" }], timeout_minutes: 5 },
          { targets: [{ type: "user", id: "0193a1b2-0000-7000-8000-000000000002" }], timeout_minutes: 10 },
        ],
        repeat: 1,
      }),
      responses: { 201: jsonResponse("The policy.", policyResponse) },
      errors: [400, 401, 403, 409, 413, 422],
    }),
  },
  "/api/v1/webhooks": {
    get: operation({ operationId: "listWebhooks", tags: notifyTags, summary: "List webhooks", scope: "admin", responses: { 200: jsonResponse("The webhooks.", z.object({ items: z.array(webhookResponse) })) }, errors: [401, 403] }),
    post: operation({
      operationId: "createWebhook",
      tags: notifyTags,
      summary: "Add a webhook",
      description: "Each delivery is signed: `X-Firedrill-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + body)` with `X-Firedrill-Timestamp`. The answer carries the secret, once.",
      scope: "admin",
      requestBody: jsonBody(webhookBody, { url: "https://hooks.example.com/firedrill", events: ["incident.paged", "incident.acknowledged"] }),
      responses: { 201: jsonResponse("The webhook and its secret.", webhookResponse.extend({ secret: z.string() })) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/webhooks/{id}": {
    patch: operation({
      operationId: "updateWebhook",
      tags: notifyTags,
      summary: "Turn a webhook on or off",
      scope: "admin",
      requestParams: { path: idPath("webhook") },
      requestBody: jsonBody(z.object({ enabled: z.boolean() }), { enabled: false }),
      responses: { 200: jsonResponse("The webhook.", webhookResponse) },
      errors: [400, 401, 403, 404, 422],
    }),
    delete: operation({
      operationId: "deleteWebhook",
      tags: notifyTags,
      summary: "Delete a webhook",
      scope: "admin",
      requestParams: { path: idPath("webhook") },
      responses: { 200: jsonResponse("Deleted.", z.object({ id: uuid })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/webhooks/{id}/deliveries": {
    get: operation({
      operationId: "listWebhookDeliveries",
      tags: notifyTags,
      summary: "A webhook's delivery log",
      description: "Newest first; each attempt with its response code or error. Failed attempts are retried after 30 s, 1, 2, 4 and 8 min, then the delivery is `failed`.",
      scope: "admin",
      requestParams: { path: idPath("webhook") },
      responses: { 200: jsonResponse("The log.", z.object({ items: z.array(deliveryResponse) })) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
    post: operation({
      operationId: "replayWebhookDelivery",
      tags: notifyTags,
      summary: "Send a delivery again",
      scope: "admin",
      requestParams: { path: z.object({ id: uuid, deliveryId: uuid }) },
      responses: { 202: jsonResponse("The new delivery, queued.", deliveryResponse) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/me/notifications": {
    get: operation({
      operationId: "getMyNotifications",
      tags: notifyTags,
      summary: "My inbox and rules",
      description: "A signed-in member only (an API key has no inbox: 403).",
      scope: "read",
      responses: { 200: jsonResponse("Inbox and rules.", inboxResponse) },
      errors: [401, 403],
    }),
    put: operation({
      operationId: "setMyNotificationRules",
      tags: notifyTags,
      summary: "Set my notification rules",
      description: "Which channels each event goes to. Slack is accepted and used once a Slack connection exists.",
      scope: "read",
      requestBody: jsonBody(rulesBody, { rules: [{ event: "paged", channels: ["inbox", "email"] }, { event: "status_change", channels: [] }] }),
      responses: { 200: jsonResponse("The rules.", z.object({ rules: z.array(ruleResponse) })) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/me/notifications/read": {
    post: operation({
      operationId: "markMyNotificationsRead",
      tags: notifyTags,
      summary: "Mark notifications read",
      scope: "read",
      requestBody: jsonBody(z.object({ ids: z.array(uuid).max(200).optional(), all: z.boolean().optional() }), { all: true }),
      responses: { 200: jsonResponse("How many changed.", z.object({ updated: z.number().int() })) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
};
