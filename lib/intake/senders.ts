import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { incidentKey } from "@/lib/incidents/shared";
import { mapResult, type Result } from "@/lib/result";
import { alertCount } from "./alert-formats";
import { ingestEvents } from "./ingest-events";
import { ingestAlertmanager, ingestGrafana, ingestPagerDuty, type AlertGroupResult } from "./ingest-integrations";

/** What every sender's ingest takes beyond the body. */
export type SenderOptions = {
  idempotencyKey?: string;
  bodyText?: string;
  /** The app's own handle, outside a transaction: concurrent calls of one caller may be written together. */
  coalesce?: boolean;
};

/**
 * Everything intake knows about one kind of sender, in one place: how much a body costs against the
 * per-key limit, the status it gets when over it, and how a body is ingested and answered in the
 * shape that sender expects. A new sender is one entry here (plus its parser and its route).
 */
type Sender = {
  /** What a request costs against the per-key limit: its events, or its alerts. */
  cost: (body: unknown) => number;
  /** Alertmanager and Grafana drop an alert answered with 429 but retry 5xx: they get 503 when over the limit. */
  overloadStatus: 429 | 503;
  ingest: (db: Database, actor: Actor, body: unknown, options: SenderOptions) => Promise<Result<{ status: number; body: unknown }>>;
};

function alertGroupAnswer(r: AlertGroupResult) {
  const { incident, ...rest } = r;
  return { status: 202, body: { status: "success", ...rest, incident: incident ? { ...incident, key: incidentKey(incident.number) } : null } };
}

export const senders = {
  events: {
    cost: (body) => (Array.isArray(body) ? Math.max(1, body.length) : 1),
    overloadStatus: 429,
    ingest: async (db, actor, body, options) => mapResult(await ingestEvents(db, actor, body, options), (data) => ({ status: 202, body: data })),
  },
  alertmanager: {
    cost: alertCount,
    overloadStatus: 503,
    ingest: async (db, actor, body, options) => mapResult(await ingestAlertmanager(db, actor, body, options), alertGroupAnswer),
  },
  grafana: {
    cost: alertCount,
    overloadStatus: 503,
    ingest: async (db, actor, body, options) => mapResult(await ingestGrafana(db, actor, body, options), alertGroupAnswer),
  },
  pagerduty: {
    cost: () => 1,
    overloadStatus: 429,
    ingest: async (db, actor, body, options) =>
      mapResult(await ingestPagerDuty(db, actor, body, options), (data) => ({
        status: 202,
        body: { status: "success", message: "Event processed", dedup_key: data.dedupKey },
      })),
  },
} satisfies Record<string, Sender>;

export type IntakeEndpoint = keyof typeof senders;
export const intakeEndpoints = Object.keys(senders) as IntakeEndpoint[];

/** Runs a parsed body through its sender and shapes its answer. Routes and dead-letter replay both come through here. */
export function processIntake(
  db: Database,
  actor: Actor,
  endpoint: IntakeEndpoint,
  body: unknown,
  options: SenderOptions = {},
): Promise<Result<{ status: number; body: unknown }>> {
  return (senders[endpoint] as Sender).ingest(db, actor, body, options);
}
