import { and, eq, gt, inArray, isNull, lte, notExists, sql } from "drizzle-orm";
import {
  escalationPages,
  escalationPolicies,
  escalationRuns,
  incidents,
  notifications,
  scheduleOverrides,
  schedules,
  type EscalationPolicy,
  type EscalationRun,
  type Incident,
  type SeverityMode,
} from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan, systemActor } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { applyStatusChange, appendTimelineEntry, getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { emitWebhookEvent, notifyUsers } from "@/lib/notifications";
import { publish } from "@/lib/realtime";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { parseInput, toResult, type Result } from "@/lib/result";
import { namesOf } from "./members";
import { nextBusinessOpening, onCallAt } from "./rotation";
import { choosePolicy, listPolicies } from "./schedules";

/** Incidents older than this when the engine first sees them are not paged (a policy added later does not wake people for old news). */
export const START_WINDOW_MS = 24 * 3_600_000;
const ENGINE = "Escalation";

type Outbox = { actor: Actor; events: RealtimeEvent[] }[];

async function flush(outbox: Outbox): Promise<void> {
  for (const { actor, events } of outbox) for (const e of events) await publish(actor, e);
}

function modeOf(policy: EscalationPolicy, severity: string): SeverityMode {
  return policy.severityModes[severity] ?? "immediate";
}

/**
 * Starts an escalation run for every new open, unacknowledged real incident that a policy covers:
 * paging at once, at the next business-hours opening, or never (the queue), by the policy's rule for
 * the incident's severity. One run per incident (a unique key), however many engines look.
 */
export async function startEscalations(db: Database, now: Date): Promise<number> {
  const fresh = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.status, "triage"),
        isNull(incidents.acknowledgedAt),
        eq(incidents.incidentType, "real"),
        gt(incidents.createdAt, new Date(now.getTime() - START_WINDOW_MS)),
        notExists(db.select({ one: sql`1` }).from(escalationRuns).where(eq(escalationRuns.incidentId, incidents.id))),
      ),
    )
    .limit(200);
  if (fresh.length === 0) return 0;
  const policiesByWorkspace = new Map<string, EscalationPolicy[]>();
  const outbox: Outbox = [];
  let started = 0;
  for (const incident of fresh) {
    let policies = policiesByWorkspace.get(incident.workspaceId);
    if (!policies) policiesByWorkspace.set(incident.workspaceId, (policies = await listPolicies(db, incident.workspaceId)));
    const policy = choosePolicy(policies, incident);
    if (!policy) continue;
    const actor = systemActor(incident.workspaceId, ENGINE);
    const mode = modeOf(policy, incident.severity);
    const opening = mode === "business_hours" ? nextBusinessOpening(policy.businessHours, now) : now;
    const status = mode === "never" || !opening ? "skipped" : opening.getTime() > now.getTime() ? "waiting" : "paging";
    const entryId = await db.transaction(async (tx) => {
      const [run] = await tx
        .insert(escalationRuns)
        .values({ workspaceId: incident.workspaceId, incidentId: incident.id, policyId: policy.id, status, step: 0, nextAt: status === "skipped" ? null : opening })
        .onConflictDoNothing()
        .returning();
      if (!run || status === "paging") return null;
      const body =
        status === "skipped"
          ? `${incident.severity}: not paged, the incident waits in the queue (policy "${policy.name}")`
          : `${incident.severity}: paging waits for business hours, from ${opening!.toISOString().slice(0, 16).replace("T", " ")} UTC (policy "${policy.name}")`;
      const entry = await appendTimelineEntry(tx, actor, { incidentId: incident.id, kind: "system", body, data: { escalation: status, policyId: policy.id } });
      return entry.id;
    });
    started++;
    if (entryId) outbox.push({ actor, events: [{ type: "incident.timeline", incidentId: incident.id, entryId }, { type: "oncall.updated", incidentId: incident.id }] });
  }
  await flush(outbox);
  return started;
}

/** The users a level pages at `now`: named members, and whoever is on call on the named schedule layer. */
async function resolveTargets(tx: Database, workspaceId: string, level: EscalationPolicy["levels"][number], now: Date): Promise<string[]> {
  const users = new Set<string>();
  const scheduleIds = level.targets.filter((t) => t.type === "schedule").map((t) => t.id);
  const found = scheduleIds.length ? await tx.select().from(schedules).where(and(eq(schedules.workspaceId, workspaceId), inArray(schedules.id, scheduleIds))) : [];
  const overrides = scheduleIds.length
    ? await tx
        .select()
        .from(scheduleOverrides)
        .where(and(inArray(scheduleOverrides.scheduleId, scheduleIds), lte(scheduleOverrides.startsAt, now), gt(scheduleOverrides.endsAt, now)))
    : [];
  for (const t of level.targets) {
    if (t.type === "user") {
      users.add(t.id);
      continue;
    }
    const schedule = found.find((s) => s.id === t.id);
    if (!schedule) continue;
    const spans = overrides.filter((o) => o.scheduleId === schedule.id).map((o) => ({ layer: o.layer, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt, createdAt: o.createdAt }));
    const shift = onCallAt(schedule, spans, now).find((s) => s.layer === (t.layer ?? 0));
    if (shift) users.add(shift.userId);
  }
  return [...users];
}

export type StepOutcome = "paged" | "exhausted" | "stopped" | "skipped";

/**
 * Runs one step of a run, if it is still due and still at `expectedStep`: the run row is locked and
 * re-read, so of two engines racing for the same step one pages and the other finds the step taken.
 * The unique (run, step, user) key of the pages is a second guard.
 */
export async function runEscalationStep(db: Database, runId: string, expectedStep: number, now: Date): Promise<StepOutcome> {
  const outbox: Outbox = [];
  const outcome = await db.transaction(async (tx): Promise<StepOutcome> => {
    const [run] = await tx.select().from(escalationRuns).where(eq(escalationRuns.id, runId)).for("update");
    if (!run || run.step !== expectedStep || !["paging", "waiting"].includes(run.status) || !run.nextAt || run.nextAt.getTime() > now.getTime()) return "skipped";
    const actor = systemActor(run.workspaceId, ENGINE);
    const events: RealtimeEvent[] = [{ type: "oncall.updated", incidentId: run.incidentId }];
    outbox.push({ actor, events });
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, run.incidentId));
    const [policy] = run.policyId ? await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, run.policyId)) : [];
    const finish = async (status: EscalationRun["status"], body: string, data: Record<string, unknown> = {}) => {
      await tx.update(escalationRuns).set({ status, nextAt: null, updatedAt: now }).where(eq(escalationRuns.id, run.id));
      const entry = await appendTimelineEntry(tx, actor, { incidentId: run.incidentId, kind: "system", body, data: { escalation: status, ...data } });
      events.push({ type: "incident.timeline", incidentId: run.incidentId, entryId: entry.id });
    };
    if (!incident || incident.status !== "triage" || incident.acknowledgedAt) {
      await finish(incident?.acknowledgedAt ? "acknowledged" : "stopped", "Escalation stopped: the incident left triage");
      return "stopped";
    }
    if (!policy || policy.levels.length === 0) {
      await finish("stopped", "Escalation stopped: its policy was removed");
      return "stopped";
    }
    const levels = policy.levels;
    const level = run.step % levels.length;
    const cycle = Math.floor(run.step / levels.length);
    if (cycle > policy.repeat) {
      await finish("exhausted", `Escalation exhausted: nobody acknowledged after ${levels.length} level${levels.length === 1 ? "" : "s"}${policy.repeat ? ` × ${policy.repeat + 1}` : ""}`);
      await emitWebhookEvent(tx, run.workspaceId, "escalation.exhausted", { incident_id: incident.id, number: incident.number, policy_id: policy.id });
      return "exhausted";
    }
    const targets = await resolveTargets(tx, run.workspaceId, levels[level], now);
    const inserted = targets.length
      ? await tx
          .insert(escalationPages)
          .values(targets.map((userId) => ({ workspaceId: run.workspaceId, runId: run.id, incidentId: run.incidentId, step: run.step, level, userId })))
          .onConflictDoNothing()
          .returning({ userId: escalationPages.userId })
      : [];
    const paged = inserted.map((p) => p.userId);
    const names = await namesOf(tx, paged);
    const timeout = levels[level].timeoutMinutes;
    const inboxed = await notifyUsers(tx, run.workspaceId, {
      userIds: paged,
      event: "paged",
      title: `Paged: INC-${incident.number} ${incident.severity} ${incident.title}`,
      body: `Level ${level + 1} of "${policy.name}". Acknowledge within ${timeout} min or the next level is paged.`,
      incidentId: incident.id,
    });
    for (const userId of inboxed) events.push({ type: "notification.created", userId });
    const who = paged.map((u) => names.get(u) ?? "someone").join(", ");
    const body = paged.length
      ? `Paged level ${level + 1}${cycle ? ` (round ${cycle + 1})` : ""}: ${who}. Next level in ${timeout} min unless acknowledged`
      : `Level ${level + 1} has nobody on call; next level in ${timeout} min`;
    const entry = await appendTimelineEntry(tx, actor, { incidentId: run.incidentId, kind: "action", body, data: { escalation: "paged", level: level + 1, step: run.step, users: paged } });
    events.push({ type: "incident.timeline", incidentId: run.incidentId, entryId: entry.id });
    if (paged.length) await emitWebhookEvent(tx, run.workspaceId, "incident.paged", { incident_id: incident.id, number: incident.number, severity: incident.severity, level: level + 1, users: paged });
    await tx
      .update(escalationRuns)
      .set({ status: "paging", step: run.step + 1, nextAt: new Date(now.getTime() + timeout * 60_000), updatedAt: now })
      .where(eq(escalationRuns.id, run.id));
    return "paged";
  });
  await flush(outbox);
  return outcome;
}

export type EscalationReport = { started: number; steps: number; paged: number };

/** One pass of the engine: start runs for new incidents, then run every due step. */
export async function runEscalations(db: Database, options: { now?: Date } = {}): Promise<EscalationReport> {
  const now = options.now ?? new Date();
  const started = await startEscalations(db, now);
  const due = await db
    .select({ id: escalationRuns.id, step: escalationRuns.step })
    .from(escalationRuns)
    .where(and(inArray(escalationRuns.status, ["paging", "waiting"]), lte(escalationRuns.nextAt, now)))
    .orderBy(escalationRuns.nextAt)
    .limit(200);
  let paged = 0;
  for (const run of due) if ((await runEscalationStep(db, run.id, run.step, now)) === "paged") paged++;
  return { started, steps: due.length, paged };
}

export type AcknowledgeOutcome = { incident: Incident; stopped: boolean; changed: boolean };

/**
 * Acknowledges an incident: stops its escalation (the run is locked, so a step racing it either ran
 * before or finds the run acknowledged), moves it out of triage (which sets acknowledged_at for the
 * SLA), writes the timeline and marks the caller's pages for it read. Acknowledging twice changes nothing.
 */
export async function acknowledgeIncident(db: Database, actor: Actor, id: string, options: { now?: Date } = {}): Promise<Result<AcknowledgeOutcome>> {
  return toResult({ op: "oncall.acknowledgeIncident", actor }, async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
    const now = options.now ?? new Date();
    const events: RealtimeEvent[] = [];
    const result = await db.transaction(async (tx) => {
      const [run] = await tx
        .select()
        .from(escalationRuns)
        .where(and(eq(escalationRuns.workspaceId, actor.workspaceId), eq(escalationRuns.incidentId, incidentId)))
        .for("update");
      const stopping = !!run && (run.status === "paging" || run.status === "waiting");
      // Only a move out of triage: a late acknowledgement never reopens a resolved incident.
      const [current] = await tx.select().from(incidents).where(and(eq(incidents.workspaceId, actor.workspaceId), eq(incidents.id, incidentId))).for("update");
      const moved =
        current.status === "triage"
          ? await applyStatusChange(tx, actor, incidentId, { status: "investigating", reason: "Acknowledged", at: now })
          : { incident: current, changed: false };
      if (stopping) {
        await tx.update(escalationRuns).set({ status: "acknowledged", acknowledgedAt: now, acknowledgedByName: actor.name, nextAt: null, updatedAt: now }).where(eq(escalationRuns.id, run.id));
      }
      if (!stopping && !moved.changed) return { incident: moved.incident, stopped: false, changed: false };
      const entry = await appendTimelineEntry(tx, actor, {
        incidentId,
        kind: "action",
        body: stopping ? `Acknowledged by ${actor.name}: escalation stopped` : `Acknowledged by ${actor.name}`,
        data: { escalation: "acknowledged", pagesSent: run?.step ?? 0 },
      });
      events.push({ type: "incident.timeline", incidentId, entryId: entry.id }, { type: "oncall.updated", incidentId });
      if (moved.changed) events.push({ type: "incident.updated", incidentId, version: moved.incident.version, fields: ["status"] });
      if (actor.kind === "user" && actor.id) {
        await tx
          .update(notifications)
          .set({ readAt: now })
          .where(and(eq(notifications.workspaceId, actor.workspaceId), eq(notifications.userId, actor.id), eq(notifications.incidentId, incidentId), isNull(notifications.readAt)));
        events.push({ type: "notification.created", userId: actor.id });
      }
      await emitWebhookEvent(tx, actor.workspaceId, "incident.acknowledged", { incident_id: incidentId, number: moved.incident.number, by: actor.name, escalation_stopped: stopping });
      await recordAudit(tx, actor, { action: "incident.acknowledge", targetType: "incident", targetId: incidentId, data: { escalationStopped: stopping } });
      return { incident: moved.incident, stopped: stopping, changed: true };
    });
    for (const e of events) await publish(actor, e);
    return result;
  });
}
