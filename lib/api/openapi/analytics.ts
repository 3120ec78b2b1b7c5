import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { severities } from "@/db/schema";
import { analyticsViews } from "@/lib/analytics/shared";
import { jsonResponse, operation } from "./shared";

const tags = ["Analytics"];

/** The query as sent (the route validates it with `analyticsFilterSchema`). */
const summaryQuery = z.object({
  from: z.string().optional().meta({ description: "Start (inclusive): `YYYY-MM-DD` or an ISO 8601 time. Default: 30 days before `to`.", example: "2026-11-01" }),
  to: z.string().optional().meta({ description: "End (exclusive): `YYYY-MM-DD` (midnight UTC) or an ISO 8601 time. Default: now.", example: "2026-12-01" }),
  severity: z.enum(severities).optional(),
  service: z.string().optional(),
  team: z.string().optional(),
  view: z.enum(analyticsViews).optional().meta({ description: "`production` (default): real incidents only. `drills`: drill and synthetic incidents only." }),
});

const durations = z.object({
  count: z.number().int(),
  median: z.number().nullable().meta({ description: "Seconds; null without a sample." }),
  p90: z.number().nullable().meta({ description: "Seconds; null without a sample." }),
});
const responseRow = z.object({
  key: z.string(),
  incidents: z.number().int(),
  acknowledged: z.number().int(),
  resolved: z.number().int(),
  unacknowledged: z.number().int(),
  mtta: durations,
  mttr: durations,
});
const noisy = z.object({ key: z.string(), incidents: z.number().int(), events: z.number().int() });
const nullableShare = z.number().min(0).max(1).nullable();

export const analyticsSummaryResponseSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string(), bucket: z.enum(["day", "week", "month"]) }),
    filters: z.object({ severity: z.enum(severities).nullable(), service: z.string().nullable(), team: z.string().nullable(), view: z.enum(analyticsViews) }),
    totals: responseRow.extend({ reopened: z.number().int(), resolved_without_acknowledgement: z.number().int() }),
    by_severity: z.array(responseRow),
    by_service: z.array(responseRow),
    by_team: z.array(responseRow),
    over_time: z.array(z.object({ bucket: z.string().meta({ description: "The bucket's first day, YYYY-MM-DD (UTC)." }), opened: z.number().int(), resolved: z.number().int() })),
    sla: z.array(
      z.object({
        severity: z.enum(severities),
        response_target_minutes: z.number(),
        resolution_target_minutes: z.number(),
        response_met: z.number().int(),
        response_breached: z.number().int(),
        response_pending: z.number().int(),
        resolution_met: z.number().int(),
        resolution_breached: z.number().int(),
        resolution_pending: z.number().int(),
        response_attainment: nullableShare,
        resolution_attainment: nullableShare,
      }),
    ),
    noisy_services: z.array(noisy),
    alert_sources: z.array(noisy),
    diagnosis: z.object({ incidents: z.number().int(), diagnosed: z.number().int(), auto_diagnosed: z.number().int(), diagnosed_share: nullableShare, auto_diagnosed_share: nullableShare }),
    agent: z.object({
      plans: z.number().int(),
      by_status: z.record(z.string(), z.number().int()),
      approved: z.number().int(),
      rejected: z.number().int(),
      expired: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      rolled_back: z.number().int(),
      approval_rate: nullableShare,
      success_rate: nullableShare,
    }),
    providers: z.array(z.object({ provider: z.string(), diagnoses: z.number().int(), median_ms: z.number().nullable(), p95_ms: z.number().nullable(), median_first_token_ms: z.number().nullable() })),
  })
  .meta({ id: "AnalyticsSummary" });

export const analyticsPaths: ZodOpenApiPathsObject = {
  "/api/v1/analytics/summary": {
    get: operation({
      operationId: "getAnalyticsSummary",
      tags,
      summary: "MTTA, MTTR, SLA attainment and volumes",
      description:
        "Median and p90 time to acknowledge and to resolve (seconds) overall and by severity, service and team; incidents over time; SLA attainment per severity; noisy services and alert sources; the diagnosed share, AI provider mix and latency; the agent's approval and success rates. An incident counts in the range it was opened in. Drill and synthetic incidents are left out unless `view=drills`.",
      scope: "read",
      requestParams: { query: summaryQuery },
      responses: { 200: jsonResponse("The report.", analyticsSummaryResponseSchema) },
      errors: [401, 403, 422],
    }),
  },
};
