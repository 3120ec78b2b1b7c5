import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { publish, publishAll } from "@/lib/realtime";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { toResult, type Result } from "@/lib/result";
import { alertFacts, alertGroupWindowKey, writeAlertGroups, writeHeldAlerts, type AlertGroup, type AlertGroupOutcome } from "./alert-groups";
import { loadSuppressions, type SuppressedBy } from "@/lib/alerts";
import { heldAlerts, writeHeldEvents } from "./suppressed";
import { groupCommitPerHandle } from "./group-commit";
import { lockWindows, readWindowStates } from "./write-path";
import { countLater, notificationHash, recall, remember, type Remembered } from "./repeat-notifications";
import { parseAlertmanager, parseGrafana } from "./alert-formats";
import { bodyHash, claimBatch, idempotencyConflict, type Claim } from "./idempotency";
import { heldPagerDutyEvent, parsePagerDuty, writePagerDutyEvent, type PagerDutyOutcome } from "./pagerduty";

export const integrationNames = { alertmanager: "Alertmanager", grafana: "Grafana", pagerduty: "PagerDuty" } as const;
export type Integration = keyof typeof integrationNames;

/** The caller, named after the integration, so incident history says "resolved by Alertmanager". */
export function integrationActor(actor: Actor, integration: Integration): Actor {
  return { ...actor, name: integrationNames[integration] };
}

export type IntegrationOptions = {
  idempotencyKey?: string;
  now?: Date;
  /**
   * true when `db` is the app's database handle (not a caller's transaction): concurrent notifications
   * of one caller are then written together, and repeats this instance already judged are answered
   * without a transaction. The HTTP intake handler sets it; inside a transaction, leave it off.
   */
  coalesce?: boolean;
  /** The body as received, when there is one: its hash goes with the Idempotency-Key. */
  bodyText?: string;
};
/**
 * `duplicate`: the notification recorded nothing new (a retry, a re-notification, a replica's copy).
 * `suppressed`: its firing alerts that a silence or maintenance window held (recorded, nothing opened).
 */
export type AlertGroupResult = AlertGroupOutcome & { duplicate: boolean; suppressed?: number };

/**
 * Runs `write` once per claim set (the Idempotency-Key header). A repeat returns the first answer
 * and writes nothing; the same key with another body is a 422.
 */
async function once<T>(
  db: Database,
  actor: Actor,
  claims: { scope: string; key: string }[],
  write: (tx: Database) => Promise<{ outcome: T; published: RealtimeEvent[] }>,
  onDuplicate: (stored: T | null) => T,
): Promise<T> {
  const { outcome, published } = await db.transaction(async (tx) => {
    const batch = await claimBatch(tx, actor.workspaceId, [claims]);
    if (batch.conflicts.has(0)) throw idempotencyConflict(batch.conflicts.get(0)!);
    if (batch.stored.has(0)) return { outcome: onDuplicate(batch.stored.get(0) as T | null), published: [] as RealtimeEvent[] };
    const out = await write(tx);
    await batch.store(() => out.outcome);
    return out;
  });
  for (const event of published) await publish(actor, event);
  return outcome;
}

function headerClaim(scope: string, key: string | undefined, body: unknown, bodyText: string | undefined): Claim[] {
  const k = key?.trim();
  return k ? [{ scope, key: k, bodyHash: bodyHash(bodyText ?? JSON.stringify(body)) }] : [];
}

/** `bodyHash`: of the body as received, for recognising an unchanged re-notification (none in-process). */
type AlertJob = { group: AlertGroup; claims: Claim[]; now: Date; bodyHash?: string };
type QueuedAlertJob = { actor: Actor; job: AlertJob };

/** Notifications written together carry at most this many alerts. */
const MAX_ALERTS_PER_FLUSH = 5_000;

const alertCommits = groupCommitPerHandle<Database, QueuedAlertJob, AlertGroupResult>((db) => ({
  maxWeight: MAX_ALERTS_PER_FLUSH,
  concurrency: 4,
  writeMany: (queued) => writeAlertJobs(db, queued[0].actor, queued.map((q) => q.job), { answerKnownRepeats: true }),
}));

const noOutcome: AlertGroupOutcome = { accepted: 0, firing: 0, resolved: 0, recorded: 0, incident: null };

/**
 * Writes several notifications in one transaction. Each one's Idempotency-Key claim is taken first,
 * all in one statement: a notification seen before, or earlier in this flush, answers what it
 * answered then and writes nothing. Notifications without a key need no claim: a retried or
 * repeated body changes nothing but its alerts' notification counts (see writeAlertGroups).
 * Notifications of one group go in order, one per round; distinct groups share each round's
 * statements.
 */
async function writeAlertJobs(db: Database, actor: Actor, allJobs: AlertJob[], options: { answerKnownRepeats?: boolean } = {}): Promise<AlertGroupResult[]> {
  const ws = actor.workspaceId;
  const answers: AlertGroupResult[] = new Array(allJobs.length);
  // Alerts a silence or maintenance window holds (lib/alerts) are recorded apart and go no further.
  const suppressions = await loadSuppressions(db, ws);
  const held: Map<string, SuppressedBy>[] = allJobs.map((j) => heldAlerts(suppressions, j.group, (a) => alertFacts(j.group, a), j.now));
  // Unchanged re-notifications this instance recognises need no transaction (repeat-notifications.ts).
  const fast = options.answerKnownRepeats ? await answerRepeats(db, ws, allJobs, answers, (i) => held[i].size === 0) : new Set<number>();
  const slow = allJobs.map((_, i) => i).filter((i) => !fast.has(i));
  if (slow.length === 0) return answers;
  const jobs = slow.map((i) => allJobs[i]);
  const heldOf = slow.map((i) => held[i]);
  const { results, published, unchanged } = await db.transaction(async (tx) => {
    const results: AlertGroupResult[] = new Array(jobs.length);
    const unchanged: (Omit<Remembered, "hashes"> | null)[] = new Array(jobs.length).fill(null);
    // The claims and the groups' window locks go out together (pipelined, one round trip). Locking
    // the window of a notification that turns out to be a repeat costs nothing but the lock.
    const [batch, locked] = await Promise.all([
      claimBatch(tx, ws, jobs.map((j) => j.claims)),
      lockWindows(tx, ws, jobs.map((j) => alertGroupWindowKey(j.group))),
    ]);
    const conflict = batch.conflicts.values().next();
    if (!conflict.done) throw idempotencyConflict(conflict.value);

    const rounds: { job: number; group: AlertGroup; now: Date }[][] = [];
    const lastRound = new Map<string, number>();
    jobs.forEach((j, i) => {
      if (batch.repeatOf.has(i)) return;
      if (batch.stored.has(i)) {
        results[i] = { ...((batch.stored.get(i) as AlertGroupOutcome | null) ?? noOutcome), duplicate: true };
        return;
      }
      const h = heldOf[i];
      const group = h.size === 0 ? j.group : { ...j.group, alerts: j.group.alerts.filter((a) => !h.has(a.fingerprint)) };
      if (group.alerts.length === 0) return; // every alert held: recorded below, nothing else to do
      const key = alertGroupWindowKey(j.group);
      const r = (lastRound.get(key) ?? -1) + 1;
      lastRound.set(key, r);
      (rounds[r] ??= []).push({ job: i, group, now: j.now });
    });
    const published: RealtimeEvent[] = [];
    for (const [r, round] of rounds.entries()) {
      // Later rounds see what earlier ones did to their windows, so they read them again.
      const out = await writeAlertGroups(tx, actor, round, r === 0 ? locked : undefined);
      round.forEach((item, n) => {
        const o = out.outcomes[n];
        results[item.job] = { ...o, duplicate: o.recorded === 0 && o.incident?.status !== "created" && o.incident?.status !== "resolved" };
        unchanged[item.job] = out.unchanged[n];
      });
      published.push(...out.published);
    }
    // Held alerts: counted on their rows of the alerts list, an unlinked event when new or changed.
    for (const [i, j] of jobs.entries()) {
      const h = heldOf[i];
      if (h.size === 0 || batch.repeatOf.has(i) || batch.stored.has(i)) continue;
      const alerts = [...new Map(j.group.alerts.filter((a) => h.has(a.fingerprint)).map((a) => [a.fingerprint, a])).values()];
      const recorded = await writeHeldAlerts(tx, ws, j.group, alerts, h, j.now);
      const firing = j.group.alerts.filter((a) => a.status === "firing").length;
      const base = results[i] ?? { ...noOutcome, duplicate: true };
      results[i] = {
        ...base,
        accepted: j.group.alerts.length,
        firing,
        resolved: j.group.alerts.length - firing,
        recorded: base.recorded + recorded,
        duplicate: base.duplicate && recorded === 0,
        suppressed: alerts.length,
      };
      unchanged[i] = null;
    }
    for (const [i, first] of batch.repeatOf) results[i] = { ...results[first], duplicate: true };
    // Every claim taken here remembers its notification's answer (a duplicate's, too).
    await batch.store((i) => {
      const { duplicate: _duplicate, ...outcome } = results[i];
      return outcome;
    });
    return { results, published, unchanged };
  });
  await publishAll(actor, published);
  slow.forEach((i, n) => {
    answers[i] = results[n];
    const job = allJobs[i];
    // Committed and unchanged: the same body can be answered without a transaction next time.
    if (job.bodyHash && unchanged[n]) remember(ws, alertGroupWindowKey(job.group), job.bodyHash, unchanged[n]!);
  });
  return answers;
}

/**
 * Answers the notifications whose body this instance already judged unchanged against the group's
 * current state (one read of their windows, no transaction), and counts their alerts'
 * notifications for later. A group with an earlier notification in this flush that is not such a
 * repeat keeps its order: its later notifications take the full path too.
 */
async function answerRepeats(
  db: Database,
  workspaceId: string,
  jobs: AlertJob[],
  answers: AlertGroupResult[],
  eligible: (i: number) => boolean,
): Promise<Set<number>> {
  const fast = new Set<number>();
  const known = jobs.map((j, i) => (eligible(i) && j.bodyHash && j.claims.length === 0 ? recall(workspaceId, alertGroupWindowKey(j.group), j.bodyHash) : undefined));
  if (!known.some(Boolean)) return fast;
  const windows = await readWindowStates(db, workspaceId, [...new Set(jobs.filter((_, i) => known[i]).map((j) => alertGroupWindowKey(j.group)))]);
  const slowKeys = new Set<string>();
  jobs.forEach((j, i) => {
    const key = alertGroupWindowKey(j.group);
    const r = known[i];
    const w = windows.get(key);
    const current = !slowKeys.has(key) && r && w && w.openIncidentId === r.incidentId && w.version === r.version;
    if (!current || !r) {
      slowKeys.add(key);
      return;
    }
    fast.add(i);
    countLater(db, r.incidentId, r.fingerprints, j.now);
    const firing = j.group.alerts.filter((a) => a.status === "firing").length;
    answers[i] = {
      accepted: j.group.alerts.length,
      firing,
      resolved: j.group.alerts.length - firing,
      recorded: 0,
      incident: { id: r.incidentId, number: r.number, status: "attached" },
      duplicate: true,
    };
  });
  return fast;
}

async function ingestAlertGroup(
  db: Database,
  actor: Actor,
  integration: "alertmanager" | "grafana",
  body: unknown,
  options: IntegrationOptions,
): Promise<Result<AlertGroupResult>> {
  return toResult(
    { op: `intake.${integration}`, actor },
    async () => {
      assertCan(actor, "event:ingest");
      const group = integration === "alertmanager" ? parseAlertmanager(body) : parseGrafana(body);
      const as = integrationActor(actor, integration);
      const job: AlertJob = {
        group,
        claims: headerClaim(integration, options.idempotencyKey, body, options.bodyText),
        now: options.now ?? new Date(),
        bodyHash: options.bodyText !== undefined ? notificationHash(options.bodyText) : undefined,
      };
      if (!options.coalesce) return (await writeAlertJobs(db, as, [job]))[0];
      return alertCommits(db).submit(`${as.workspaceId}|${as.kind}:${as.id ?? ""}|${integration}`, { actor: as, job }, Math.max(1, group.alerts.length));
    },
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
  return toResult({ op: "intake.ingestPagerDuty", actor },
    async () => {
      assertCan(actor, "event:ingest");
      const event = parsePagerDuty(body);
      const as = integrationActor(actor, "pagerduty");
      const now = options.now ?? new Date();
      // A trigger a silence or maintenance window holds is recorded (unlinked) and opens nothing.
      const held = heldPagerDutyEvent(await loadSuppressions(db, actor.workspaceId), event, now);
      return once<PagerDutyOutcome>(
        db,
        as,
        headerClaim("pagerduty", options.idempotencyKey, body, options.bodyText),
        async (tx) => {
          if (!held) return writePagerDutyEvent(tx, as, event, now);
          await writeHeldEvents(tx, as.workspaceId, [held.event], new Map([[held.event.id, held.by]]));
          return { outcome: { dedupKey: event.dedupKey, incident: null, suppressed: true }, published: [] };
        },
        (stored) => stored ?? { dedupKey: event.dedupKey, incident: null },
      );
    },
  );
}
