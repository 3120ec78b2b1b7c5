import { and, asc, desc, eq } from "drizzle-orm";
import { escalationPages, escalationPolicies, escalationRuns, incidentRoles, incidentTasks, users, type EscalationPolicy, type Schedule, type ScheduleOverride } from "@/db/schema";
import type { Database } from "@/db/client";
import { workspaceMembers } from "./members";
import { onCallAt, scheduleShifts, type Shift } from "./rotation";
import { listPolicies, listSchedules, overridesBetween, spans } from "./schedules";
import type { IncidentOncallView, IncidentRoleName, MemberView, OncallOverview, PolicyView, ScheduleView, ShiftView } from "./shared";

/** Roles, tasks and escalation of one incident, with the members to choose from. */
export async function incidentOncallView(db: Database, workspaceId: string, incidentId: string): Promise<IncidentOncallView> {
  const [members, roles, tasks, [run]] = await Promise.all([
    workspaceMembers(db, workspaceId),
    db.select().from(incidentRoles).where(and(eq(incidentRoles.workspaceId, workspaceId), eq(incidentRoles.incidentId, incidentId))).orderBy(asc(incidentRoles.createdAt)),
    db.select().from(incidentTasks).where(and(eq(incidentTasks.workspaceId, workspaceId), eq(incidentTasks.incidentId, incidentId))).orderBy(asc(incidentTasks.createdAt)),
    db.select().from(escalationRuns).where(and(eq(escalationRuns.workspaceId, workspaceId), eq(escalationRuns.incidentId, incidentId))),
  ]);
  const name = new Map(members.map((m) => [m.userId, m.name]));
  let escalation: IncidentOncallView["escalation"] = null;
  if (run) {
    const [pages, [policy]] = await Promise.all([
      db.select().from(escalationPages).where(eq(escalationPages.runId, run.id)).orderBy(desc(escalationPages.createdAt)),
      run.policyId ? db.select({ name: escalationPolicies.name }).from(escalationPolicies).where(eq(escalationPolicies.id, run.policyId)) : Promise.resolve([]),
    ]);
    escalation = {
      status: run.status,
      policyName: policy?.name ?? null,
      level: pages[0] ? pages[0].level + 1 : 0,
      nextAt: run.nextAt?.toISOString() ?? null,
      acknowledgedAt: run.acknowledgedAt?.toISOString() ?? null,
      acknowledgedByName: run.acknowledgedByName,
      pages: pages.map((p) => ({ userId: p.userId, name: name.get(p.userId) ?? "Former member", level: p.level + 1, step: p.step, at: p.createdAt.toISOString() })),
    };
  }
  return {
    members,
    roles: roles.map((r) => ({ role: r.role as IncidentRoleName, userId: r.userId, name: name.get(r.userId) ?? "Former member", assignedAt: r.createdAt.toISOString() })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, ownerId: t.ownerId, ownerName: t.ownerId ? (name.get(t.ownerId) ?? "Former member") : null, done: t.done, createdAt: t.createdAt.toISOString() })),
    escalation,
  };
}

function shiftView(s: Shift, name: Map<string, string>): ShiftView {
  return { layer: s.layer, userId: s.userId, name: name.get(s.userId) ?? "Former member", start: s.start.toISOString(), end: s.end.toISOString(), source: s.source };
}

export function scheduleView(schedule: Schedule, overrides: ScheduleOverride[], members: MemberView[], now: Date, from: Date, to: Date): ScheduleView {
  const name = new Map(members.map((m) => [m.userId, m.name]));
  const mine = spans(overrides, schedule.id);
  return {
    id: schedule.id,
    name: schedule.name,
    timeZone: schedule.timeZone,
    layers: schedule.layers,
    onCall: onCallAt(schedule, mine, now).map((s) => shiftView(s, name)),
    shifts: scheduleShifts(schedule, mine, from, to).map((s) => shiftView(s, name)),
    overrides: overrides
      .filter((o) => o.scheduleId === schedule.id)
      .map((o) => ({ id: o.id, layer: o.layer, userId: o.userId, name: name.get(o.userId) ?? "Former member", startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
  };
}

export function policyView(p: EscalationPolicy, schedules: Schedule[], members: MemberView[]): PolicyView {
  const name = new Map(members.map((m) => [m.userId, m.name]));
  return {
    id: p.id,
    name: p.name,
    levels: p.levels.map((l) => ({
      timeoutMinutes: l.timeoutMinutes,
      targets: l.targets.map((t) =>
        t.type === "user"
          ? { type: "user" as const, id: t.id, label: name.get(t.id) ?? "Former member" }
          : { type: "schedule" as const, id: t.id, layer: t.layer, label: `${schedules.find((s) => s.id === t.id)?.name ?? "Deleted schedule"}${t.layer ? ` (layer ${t.layer + 1})` : ""}` },
      ),
    })),
    repeat: p.repeat,
    services: p.services,
    severities: p.severities,
    severityModes: p.severityModes,
    businessHours: p.businessHours,
  };
}

/** Schedules (on call now, shifts of the next `days` days), policies and members: the on-call page. */
export async function oncallOverview(db: Database, workspaceId: string, options: { now?: Date; days?: number } = {}): Promise<OncallOverview> {
  const now = options.now ?? new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = new Date(from.getTime() + (options.days ?? 14) * 86_400_000);
  const [schedules, policies, members] = await Promise.all([listSchedules(db, workspaceId), listPolicies(db, workspaceId), workspaceMembers(db, workspaceId)]);
  const overrides = await overridesBetween(db, workspaceId, schedules.map((s) => s.id), from, to);
  return {
    schedules: schedules.map((s) => scheduleView(s, overrides, members, now, from, to)),
    policies: policies.map((p) => policyView(p, schedules, members)),
    members,
    from: from.toISOString(),
    to: to.toISOString(),
  };
}

/** Incident ids the user leads (the board's "Mine" filter). */
export async function incidentsLedBy(db: Database, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: incidentRoles.incidentId })
    .from(incidentRoles)
    .where(and(eq(incidentRoles.workspaceId, workspaceId), eq(incidentRoles.userId, userId), eq(incidentRoles.role, "lead")));
  return rows.map((r) => r.id);
}

/** Lead names by incident id, for the board's cards (open incidents and the latest closed ones). */
export async function incidentLeads(db: Database, workspaceId: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ incidentId: incidentRoles.incidentId, name: users.name })
    .from(incidentRoles)
    .innerJoin(users, eq(users.id, incidentRoles.userId))
    .where(and(eq(incidentRoles.workspaceId, workspaceId), eq(incidentRoles.role, "lead")))
    .orderBy(desc(incidentRoles.createdAt))
    .limit(2000);
  return Object.fromEntries(rows.map((r) => [r.incidentId, r.name]));
}
