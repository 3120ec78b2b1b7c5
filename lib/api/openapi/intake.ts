import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { eventLevels, severities } from "@/db/schema";
import { alertGroupSchema, cursorPageSchema, eventInputSchema, MAX_BATCH, pagerDutyEventSchema, pagerDutyPayloadSchema, ruleInputSchema } from "@/lib/intake/shared";
import { deletedSchema, idParam, isoTime, jsonBody, jsonResponse, operation, pageOf, snakeCaseKeys, uuid } from "./shared";

const intakeTags = ["Intake"];
const integrationTags = ["Integrations"];

const idempotencyKey = z.object({
  "Idempotency-Key": z
    .string()
    .max(200)
    .optional()
    .meta({ description: "A repeat within 24 h answers as the first call did and writes nothing.", example: "deploy-42-batch-1" }),
});

const intakeNote =
  "Bodies up to 1 MiB (413 beyond). Rejected bodies (400, 413, 422) are kept as dead letters for admins to inspect and replay. " +
  "Rate-limited per API key (`INTAKE_RATE_LIMIT_PER_MINUTE` events or alerts a minute).";

const incidentRef = z.object({ id: uuid, number: z.number().int().min(1), status: z.enum(["created", "attached"]) });

const eventsAnswer = z
  .object({
    accepted: z.number().int().min(0).meta({ description: "Events written." }),
    incidents: z.array(incidentRef).meta({ description: "Incidents this call's events opened (`created`) or joined (`attached`)." }),
  })
  .meta({ id: "IntakeAccepted" });

const alertGroupAnswer = z
  .object({
    status: z.literal("success"),
    accepted: z.number().int().min(0),
    firing: z.number().int().min(0),
    resolved: z.number().int().min(0),
    duplicate: z.boolean().meta({ description: "True when the same body was already received (counted once for 24 h)." }),
    incident: z
      .object({ id: uuid, number: z.number().int().min(1), key: z.string(), status: z.enum(["created", "attached", "resolved"]) })
      .nullable(),
  })
  .meta({ id: "AlertGroupAccepted" });

/** PagerDuty's event with its trigger payload spelled out (the domain checks the payload only on trigger). */
const pagerDutyBody = pagerDutyEventSchema.extend({ payload: pagerDutyPayloadSchema.optional().meta({ description: "Required for `trigger`." }) });

export const intakeRuleSchema = z
  .object({
    id: uuid,
    service: z.string().meta({ description: "A service name, or `*` for the workspace default." }),
    min_count: z.number().int(),
    window_seconds: z.number().int(),
    min_level: z.enum(eventLevels),
    severity: z.enum(severities).nullable().meta({ description: "null derives it from the worst level seen." }),
    enabled: z.boolean(),
    updated_at: isoTime,
  })
  .meta({ id: "IntakeRule" });

const deadLetterSummary = z
  .looseObject({
    id: uuid,
    source: z.string().meta({ description: "events, alertmanager, grafana or pagerduty." }),
    status: z.number().int().meta({ description: "The status the request was answered with." }),
    reason: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    content_type: z.string().nullable(),
    created_at: isoTime,
    replayed_at: isoTime.nullable(),
    replay_result: z.unknown(),
    size: z.number().int().meta({ description: "Body size in bytes." }),
    preview: z.string().meta({ description: "The first 300 characters of the body." }),
  })
  .meta({ id: "DeadLetter" });

const alertmanagerExample = {
  version: "4",
  groupKey: '{}:{alertname="HighErrorRate", service="checkout"}',
  status: "firing",
  receiver: "firedrill",
  groupLabels: { alertname: "HighErrorRate", service: "checkout" },
  commonLabels: { alertname: "HighErrorRate", service: "checkout", severity: "critical" },
  commonAnnotations: { summary: "High 5xx rate on checkout" },
  externalURL: "http://alertmanager:9093",
  alerts: [
    {
      status: "firing",
      labels: { alertname: "HighErrorRate", service: "checkout", severity: "critical", instance: "checkout-7d9f8b6c5-x2x9k:8080" },
      annotations: { summary: "High 5xx rate on checkout", runbook_url: "https://runbooks.example.com/checkout/high-error-rate" },
      startsAt: "2026-11-20T10:02:11.234Z",
      endsAt: "0001-01-01T00:00:00Z",
      fingerprint: "6f2ce4d3a1b07e55",
    },
  ],
};

const ruleExample = { service: "checkout", min_count: 3, window_seconds: 60, min_level: "WARNING", severity: "P1", enabled: true };

const ingest = (spec: Omit<Parameters<typeof operation>[0], "scope">) =>
  operation({ ...spec, scope: "ingest", description: [spec.description, intakeNote].filter(Boolean).join("\n\n") });

export const intakePaths: ZodOpenApiPathsObject = {
  "/api/v1/events": {
    post: ingest({
      operationId: "ingestEvents",
      tags: intakeTags,
      summary: "Send events",
      description:
        `One event or an array of up to ${MAX_BATCH}. Levels: ${eventLevels.join(", ")} (case-insensitive; aliases such as warn, err, crit, fatal). ` +
        "`timestamp` is ISO 8601 or epoch seconds/milliseconds (default: now). A batch with any invalid event is rejected whole (422 with `errors: [{ index, field, message }]`). " +
        "5 events at ERROR or above within 5 minutes for one service (or fingerprint) open one incident; while it is open, further events attach to it.",
      requestParams: { header: idempotencyKey },
      requestBody: jsonBody(z.union([eventInputSchema, z.array(eventInputSchema).min(1).max(MAX_BATCH)]), [
        { service: "checkout", level: "error", message: "payment gateway timeout", timestamp: "2026-11-20T10:02:11Z", attributes: { region: "eu-west-1" } },
      ]),
      responses: { 202: jsonResponse("Written.", eventsAnswer) },
      errors: [400, 401, 403, 413, 422, 429],
    }),
  },
  "/api/v1/integrations/alertmanager": {
    post: ingest({
      operationId: "ingestAlertmanager",
      tags: integrationTags,
      summary: "Prometheus Alertmanager webhook",
      description:
        "Alertmanager's webhook (version 4). One incident per alert group (`groupKey`); resolved alerts never open one, and when every alert of the group is resolved the incident is resolved. " +
        "Over the rate limit the answer is 503 (Alertmanager retries 5xx, not 429).",
      requestParams: { header: idempotencyKey },
      requestBody: jsonBody(alertGroupSchema, alertmanagerExample),
      responses: { 202: jsonResponse("Written.", alertGroupAnswer) },
      errors: [400, 401, 403, 413, 422, 503],
    }),
  },
  "/api/v1/integrations/grafana": {
    post: ingest({
      operationId: "ingestGrafana",
      tags: integrationTags,
      summary: "Grafana alerting webhook",
      description: "Grafana's webhook contact point (`version: \"1\"`): Alertmanager's shape plus values, dashboard and panel URLs. Over the rate limit the answer is 503.",
      requestParams: { header: idempotencyKey },
      requestBody: jsonBody(alertGroupSchema, alertmanagerExample),
      responses: { 202: jsonResponse("Written.", alertGroupAnswer) },
      errors: [400, 401, 403, 413, 422, 503],
    }),
  },
  "/api/v1/integrations/pagerduty": {
    post: ingest({
      operationId: "ingestPagerDuty",
      tags: integrationTags,
      summary: "PagerDuty Events API v2",
      description:
        "`trigger` opens an incident keyed by `dedup_key` (or attaches to its open one); `acknowledge` moves it to investigating; `resolve` resolves it. " +
        "Invalid events are a 400 in PagerDuty's shape naming the field. Tools that only speak PagerDuty may put the API key in `routing_key` instead of a header.",
      requestParams: { header: idempotencyKey },
      requestBody: jsonBody(pagerDutyBody, {
        event_action: "trigger",
        dedup_key: "srv01/mysql",
        payload: { summary: "DISK at 99%", source: "srv01", severity: "critical", component: "mysql" },
      }),
      responses: {
        202: jsonResponse("Processed.", z.object({ status: z.literal("success"), message: z.string(), dedup_key: z.string() }).meta({ id: "PagerDutyAccepted" })),
      },
      errors: [400, 401, 403, 413, 429],
    }),
  },
  "/api/v1/intake/noop": {
    post: ingest({
      operationId: "intakeNoop",
      tags: ["Benchmark"],
      summary: "Parse without writing (benchmark only)",
      description:
        "Exists only when the server runs with `INTAKE_BENCH_NOOP=on` (404 otherwise): authenticates and parses a body exactly like `POST /api/v1/events` " +
        "(or, with `?kind=alertmanager`, like the Alertmanager webhook), then writes nothing. The intake benchmark's ceiling.",
      requestParams: { query: z.object({ kind: z.enum(["events", "alertmanager"]).optional() }) },
      requestBody: jsonBody(z.unknown().meta({ description: "An events body, or an Alertmanager webhook with `?kind=alertmanager`." })),
      responses: { 202: jsonResponse("Parsed.", eventsAnswer) },
      errors: [400, 401, 403, 404, 413, 422],
      "x-only-when": "INTAKE_BENCH_NOOP=on",
    }),
  },
  "/api/v1/intake/rules": {
    get: operation({
      operationId: "listIntakeRules",
      tags: intakeTags,
      summary: "List threshold rules",
      description: "The workspace's rules and the built-in defaults that apply where no rule matches.",
      scope: "read",
      responses: {
        200: jsonResponse(
          "The rules.",
          z.object({
            items: z.array(intakeRuleSchema),
            defaults: z.object({ min_count: z.number().int(), window_seconds: z.number().int(), min_level: z.enum(eventLevels), severity: z.null() }),
          }),
        ),
      },
      errors: [401, 403],
    }),
    put: operation({
      operationId: "saveIntakeRule",
      tags: intakeTags,
      summary: "Create or replace a rule",
      description: "The rule of `service` (`*` for the workspace default). `severity` null or `auto` derives it from the worst level: FATAL P0, CRITICAL P1, ERROR P2. `POST` does the same.",
      scope: "admin",
      requestBody: jsonBody(snakeCaseKeys(ruleInputSchema), ruleExample),
      responses: { 200: jsonResponse("The saved rule.", intakeRuleSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
    post: operation({
      operationId: "saveIntakeRulePost",
      tags: intakeTags,
      summary: "Create or replace a rule (same as PUT)",
      scope: "admin",
      requestBody: jsonBody(snakeCaseKeys(ruleInputSchema), ruleExample),
      responses: { 200: jsonResponse("The saved rule.", intakeRuleSchema) },
      errors: [400, 401, 403, 413, 422],
    }),
  },
  "/api/v1/intake/rules/{id}": {
    delete: operation({
      operationId: "deleteIntakeRule",
      tags: intakeTags,
      summary: "Delete a rule",
      scope: "admin",
      requestParams: { path: idParam("The rule's id.") },
      responses: { 200: jsonResponse("Deleted.", deletedSchema) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/intake/dead-letters": {
    get: operation({
      operationId: "listDeadLetters",
      tags: intakeTags,
      summary: "List dead letters",
      description: "Rejected intake requests (400, 413, 422), newest first; the newest 10,000 per workspace are kept. Pass `next_cursor` back as `before`.",
      scope: "admin",
      requestParams: { query: cursorPageSchema },
      responses: { 200: jsonResponse("A page of dead letters.", pageOf(deadLetterSummary, true)) },
      errors: [401, 403, 422],
    }),
  },
  "/api/v1/intake/dead-letters/{id}": {
    get: operation({
      operationId: "getDeadLetter",
      tags: intakeTags,
      summary: "Get a dead letter with its body",
      scope: "admin",
      requestParams: { path: idParam("The dead letter's id.") },
      responses: { 200: jsonResponse("The dead letter.", z.looseObject({ id: uuid, body: z.string().meta({ description: "The request body as received." }) })) },
      errors: [401, 403, 404, 422],
    }),
    delete: operation({
      operationId: "deleteDeadLetter",
      tags: intakeTags,
      summary: "Delete a dead letter",
      scope: "admin",
      requestParams: { path: idParam("The dead letter's id.") },
      responses: { 200: jsonResponse("Deleted.", deletedSchema) },
      errors: [401, 403, 404, 422],
    }),
  },
  "/api/v1/intake/dead-letters/{id}/replay": {
    post: operation({
      operationId: "replayDeadLetter",
      tags: intakeTags,
      summary: "Replay a dead letter",
      description: "Sends the stored body through its integration again (after the sender or the mapping was fixed). A second failure is recorded on the letter.",
      scope: "admin",
      requestParams: { path: idParam("The dead letter's id.") },
      responses: {
        200: jsonResponse(
          "What the integration answered this time.",
          z.object({ replayed: z.boolean(), status: z.number().int(), body: z.unknown() }),
        ),
      },
      errors: [401, 403, 404, 422],
    }),
  },
};
