import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { ok, type Result } from "@/lib/result";
import { ingestEvents } from "./ingest-events";
import { ingestAlertmanager, ingestGrafana, ingestPagerDuty } from "./integrations";
import { alertCount } from "./alert-formats";
import { incidentKey } from "@/lib/incidents/shared";

export const intakeEndpoints = ["events", "alertmanager", "grafana", "pagerduty"] as const;
export type IntakeEndpoint = (typeof intakeEndpoints)[number];

/** Alertmanager and Grafana drop an alert answered with 429, but retry 5xx: they get 503 when over the limit. */
export function overloadStatus(endpoint: IntakeEndpoint): 429 | 503 {
  return endpoint === "alertmanager" || endpoint === "grafana" ? 503 : 429;
}

/** What a request costs against the per-key limit: its events, or its alerts. */
export function intakeCost(endpoint: IntakeEndpoint, body: unknown): number {
  if (endpoint === "events") return Array.isArray(body) ? Math.max(1, body.length) : 1;
  if (endpoint === "pagerduty") return 1;
  return alertCount(body);
}

/**
 * Runs a parsed body through its integration and shapes the HTTP answer (202 and the body each
 * sender expects). Routes and dead-letter replay both come through here.
 */
export async function processIntake(
  db: Database,
  actor: Actor,
  endpoint: IntakeEndpoint,
  body: unknown,
  options: { idempotencyKey?: string; bodyText?: string } = {},
): Promise<Result<{ status: number; body: unknown }>> {
  switch (endpoint) {
    case "events": {
      const r = await ingestEvents(db, actor, body, options);
      return r.ok ? ok({ status: 202, body: r.data }) : r;
    }
    case "alertmanager":
    case "grafana": {
      const r = await (endpoint === "alertmanager" ? ingestAlertmanager : ingestGrafana)(db, actor, body, options);
      if (!r.ok) return r;
      const { incident, ...rest } = r.data;
      return ok({
        status: 202,
        body: { status: "success", ...rest, incident: incident ? { ...incident, key: incidentKey(incident.number) } : null },
      });
    }
    case "pagerduty": {
      const r = await ingestPagerDuty(db, actor, body, options);
      return r.ok ? ok({ status: 202, body: { status: "success", message: "Event processed", dedup_key: r.data.dedupKey } }) : r;
    }
  }
}
