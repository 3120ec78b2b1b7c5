import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publish";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { toResult, type Result } from "@/lib/result";
import { writeAlertGroup, type AlertGroupOutcome } from "./alert-groups";
import { parseAlertmanager, parseGrafana } from "./alert-formats";
import { bodyHash, claimIdempotency, storeIdempotentResponse } from "./idempotency";
import { parsePagerDuty, writePagerDutyEvent, type PagerDutyOutcome } from "./pagerduty";

const log = logger("intake");

export const integrationNames = { alertmanager: "Alertmanager", grafana: "Grafana", pagerduty: "PagerDuty" } as const;
export type Integration = keyof typeof integrationNames;

/** The caller, named after the integration, so incident history says "resolved by Alertmanager". */
export function integrationActor(actor: Actor, integration: Integration): Actor {
  return { ...actor, name: integrationNames[integration] };
}

export type IntegrationOptions = { idempotencyKey?: string; now?: Date };
export type AlertGroupResult = AlertGroupOutcome & { duplicate: boolean };

/**
 * Runs `write` once per claim set: the Idempotency-Key header and, for alert groups, the hash of the
 * body (Alertmanager and Grafana resend identical bodies on failure). A repeat returns the first
 * answer and writes nothing.
 */
async function once<T>(
  db: Database,
  actor: Actor,
  claims: { scope: string; key: string }[],
  write: (tx: Database) => Promise<{ outcome: T; published: RealtimeEvent[] }>,
  onDuplicate: (stored: T | null) => T,
): Promise<T> {
  const { outcome, published } = await db.transaction(async (tx) => {
    for (const c of claims) {
      const claim = await claimIdempotency(tx, actor.workspaceId, c.scope, c.key);
      if (!claim.claimed) return { outcome: onDuplicate(claim.response as T | null), published: [] as RealtimeEvent[] };
    }
    const out = await write(tx);
    for (const c of claims) await storeIdempotentResponse(tx, actor.workspaceId, c.scope, c.key, out.outcome);
    return out;
  });
  for (const event of published) await publish(actor, event);
  return outcome;
}

function headerClaim(scope: string, key: string | undefined) {
  const k = key?.trim();
  return k ? [{ scope, key: k }] : [];
}

async function ingestAlertGroup(
  db: Database,
  actor: Actor,
  integration: "alertmanager" | "grafana",
  body: unknown,
  options: IntegrationOptions,
): Promise<Result<AlertGroupResult>> {
  return toResult(
    async () => {
      assertCan(actor, "event:ingest");
      const group = integration === "alertmanager" ? parseAlertmanager(body) : parseGrafana(body);
      const as = integrationActor(actor, integration);
      return once<AlertGroupResult>(
        db,
        as,
        [...headerClaim(integration, options.idempotencyKey), { scope: `${integration}:body`, key: bodyHash(JSON.stringify(body)) }],
        async (tx) => {
          const { outcome, published } = await writeAlertGroup(tx, as, group, options.now ?? new Date());
          return { outcome: { ...outcome, duplicate: false }, published };
        },
        (stored) => ({ ...(stored ?? { accepted: 0, firing: 0, resolved: 0, incident: null }), duplicate: true }),
      );
    },
    (e) => log.error({ err: e, integration }, "alert group ingest failed"),
  );
}

/** Prometheus Alertmanager webhook: one incident per alert group, each alert a signal of it. */
export function ingestAlertmanager(db: Database, actor: Actor, body: unknown, options: IntegrationOptions = {}) {
  return ingestAlertGroup(db, actor, "alertmanager", body, options);
}

/** Grafana alerting webhook, handled like Alertmanager's (runbook URLs kept on the incident). */
export function ingestGrafana(db: Database, actor: Actor, body: unknown, options: IntegrationOptions = {}) {
  return ingestAlertGroup(db, actor, "grafana", body, options);
}

/** PagerDuty Events API v2 (trigger / acknowledge / resolve by dedup_key). */
export async function ingestPagerDuty(db: Database, actor: Actor, body: unknown, options: IntegrationOptions = {}): Promise<Result<PagerDutyOutcome>> {
  return toResult(
    async () => {
      assertCan(actor, "event:ingest");
      const event = parsePagerDuty(body);
      const as = integrationActor(actor, "pagerduty");
      return once<PagerDutyOutcome>(
        db,
        as,
        headerClaim("pagerduty", options.idempotencyKey),
        (tx) => writePagerDutyEvent(tx, as, event, options.now ?? new Date()),
        (stored) => stored ?? { dedupKey: event.dedupKey, incident: null },
      );
    },
    (e) => log.error({ err: e }, "pagerduty ingest failed"),
  );
}
