import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { escalationPolicies, scheduleOverrides, schedules, type EscalationPolicy, type Schedule, type ScheduleOverride } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError, sqlState } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { assertMembers } from "./members";
import { onCallAt, scheduleShifts, type OverrideSpan, type Shift } from "./rotation";
import { overrideInputSchema, policyInputSchema, scheduleInputSchema } from "./shared";

const idSchema = z.string().uuid("is not a valid id");

function conflictOnName(e: unknown, what: string): never {
  if (sqlState(e) === "23505") throw new AppError("conflict:name", `A ${what} with this name already exists.`);
  throw e;
}

export async function createSchedule(db: Database, actor: Actor, input: unknown): Promise<Result<Schedule>> {
  return toResult({ op: "oncall.createSchedule", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const s = parseInput(scheduleInputSchema, input);
    await assertMembers(db, actor.workspaceId, s.layers.flatMap((l) => l.members), "layers.members");
    const row = await db
      .transaction(async (tx) => {
        const [created] = await tx
          .insert(schedules)
          .values({ workspaceId: actor.workspaceId, name: s.name, timeZone: s.timeZone, layers: s.layers, createdByKind: actor.kind, createdById: actor.id, createdByName: actor.name })
          .returning();
        await recordAudit(tx, actor, { action: "schedule.create", targetType: "schedule", targetId: created.id, data: { name: s.name } });
        return created;
      })
      .catch((e) => conflictOnName(e, "schedule"));
    await publish(actor, { type: "oncall.updated", incidentId: null });
    return row;
  });
}

export async function listSchedules(db: Database, workspaceId: string): Promise<Schedule[]> {
  return db.select().from(schedules).where(eq(schedules.workspaceId, workspaceId)).orderBy(asc(schedules.name));
}

export async function getSchedule(db: Database, workspaceId: string, id: unknown): Promise<Schedule> {
  const scheduleId = parseInput(idSchema, id);
  const [row] = await db.select().from(schedules).where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.id, scheduleId)));
  if (!row) throw new AppError("not_found:schedule", "Schedule not found.");
  return row;
}

/** Overrides of the schedules overlapping [from, to). */
export async function overridesBetween(db: Database, workspaceId: string, scheduleIds: string[], from: Date, to: Date): Promise<ScheduleOverride[]> {
  if (scheduleIds.length === 0) return [];
  return db
    .select()
    .from(scheduleOverrides)
    .where(and(eq(scheduleOverrides.workspaceId, workspaceId), inArray(scheduleOverrides.scheduleId, scheduleIds), lt(scheduleOverrides.startsAt, to), gt(scheduleOverrides.endsAt, from)));
}

export function spans(overrides: ScheduleOverride[], scheduleId: string): OverrideSpan[] {
  return overrides.filter((o) => o.scheduleId === scheduleId).map((o) => ({ layer: o.layer, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt, createdAt: o.createdAt }));
}

/** Who is on call on each layer at `at`, and the next shifts (up to `next` per layer). */
export async function scheduleOnCall(db: Database, workspaceId: string, id: unknown, at: Date, next = 3): Promise<{ schedule: Schedule; onCall: Shift[]; upcoming: Shift[] }> {
  const schedule = await getSchedule(db, workspaceId, id);
  const horizon = new Date(at.getTime() + 60 * 86_400_000);
  const overrides = spans(await overridesBetween(db, workspaceId, [schedule.id], at, horizon), schedule.id);
  const onCall = onCallAt(schedule, overrides, at);
  const upcoming = schedule.layers.flatMap((_, i) =>
    scheduleShifts(schedule, overrides, at, horizon)
      .filter((s) => s.layer === i && s.start.getTime() > at.getTime())
      .slice(0, next),
  );
  return { schedule, onCall, upcoming };
}

export async function addOverride(db: Database, actor: Actor, scheduleId: unknown, input: unknown): Promise<Result<ScheduleOverride>> {
  return toResult({ op: "oncall.addOverride", actor }, async () => {
    assertCan(actor, "incident:write");
    const schedule = await getSchedule(db, actor.workspaceId, scheduleId);
    const o = parseInput(overrideInputSchema, input);
    if (o.layer >= schedule.layers.length) throw new AppError("unprocessable:layer", "The schedule has no such layer.", { issues: [{ path: "layer", message: "is not a layer of this schedule" }] });
    await assertMembers(db, actor.workspaceId, [o.userId], "userId");
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(scheduleOverrides)
        .values({ workspaceId: actor.workspaceId, scheduleId: schedule.id, layer: o.layer, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt, createdByKind: actor.kind, createdById: actor.id, createdByName: actor.name })
        .returning();
      await recordAudit(tx, actor, { action: "schedule.override", targetType: "schedule", targetId: schedule.id, data: { layer: o.layer, userId: o.userId, startsAt: o.startsAt, endsAt: o.endsAt } });
      return created;
    });
    await publish(actor, { type: "oncall.updated", incidentId: null });
    return row;
  });
}

export async function createPolicy(db: Database, actor: Actor, input: unknown): Promise<Result<EscalationPolicy>> {
  return toResult({ op: "oncall.createPolicy", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const p = parseInput(policyInputSchema, input);
    const userIds = p.levels.flatMap((l) => l.targets.filter((t) => t.type === "user").map((t) => t.id));
    const scheduleIds = [...new Set(p.levels.flatMap((l) => l.targets.filter((t) => t.type === "schedule").map((t) => t.id)))];
    await assertMembers(db, actor.workspaceId, userIds, "levels.targets");
    if (scheduleIds.length) {
      const found = await db.select({ id: schedules.id }).from(schedules).where(and(eq(schedules.workspaceId, actor.workspaceId), inArray(schedules.id, scheduleIds)));
      if (found.length !== scheduleIds.length) throw new AppError("unprocessable:schedule", "A level names a schedule that does not exist.", { issues: [{ path: "levels.targets", message: "names an unknown schedule" }] });
    }
    const row = await db
      .transaction(async (tx) => {
        const [created] = await tx
          .insert(escalationPolicies)
          .values({
            workspaceId: actor.workspaceId,
            name: p.name,
            levels: p.levels,
            repeat: p.repeat,
            services: p.services,
            severities: p.severities,
            severityModes: p.severityModes,
            businessHours: p.businessHours,
            createdByKind: actor.kind,
            createdById: actor.id,
            createdByName: actor.name,
          })
          .returning();
        await recordAudit(tx, actor, { action: "escalation_policy.create", targetType: "escalation_policy", targetId: created.id, data: { name: p.name } });
        return created;
      })
      .catch((e) => conflictOnName(e, "policy"));
    await publish(actor, { type: "oncall.updated", incidentId: null });
    return row;
  });
}

export async function listPolicies(db: Database, workspaceId: string): Promise<EscalationPolicy[]> {
  return db.select().from(escalationPolicies).where(eq(escalationPolicies.workspaceId, workspaceId)).orderBy(asc(escalationPolicies.name));
}

/** The policy of an incident: one naming its service first, then one naming its severity, then a catch-all. */
export function choosePolicy(policies: EscalationPolicy[], incident: { service: string; severity: string }): EscalationPolicy | undefined {
  return (
    policies.find((p) => p.services.includes(incident.service) && (p.severities.length === 0 || p.severities.includes(incident.severity))) ??
    policies.find((p) => p.services.length === 0 && p.severities.includes(incident.severity)) ??
    policies.find((p) => p.services.length === 0 && p.severities.length === 0)
  );
}
