import { and, eq, inArray, isNull } from "drizzle-orm";
import { incidentRoles, incidents, openStatuses, slaCrossings, workspaces, type Severity, type SlaClockName, type SlaLevel } from "@/db/schema";
import type { Database } from "@/db/client";
import { systemActor } from "@/lib/auth/shared";
import { appendTimelineEntry, computeSla, formatMinutes, resolveSlaPolicy } from "@/lib/incidents";
import { notifyUsers } from "@/lib/notifications";
import { publish } from "@/lib/realtime";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { describeCrossing, SLA_WARNING_FRACTION } from "./shared";

export const SLA_JOB = "sla";

export type SlaCrossingFound = { incidentId: string; workspaceId: string; clock: SlaClockName; level: SlaLevel; severity: Severity; crossedAt: Date; targetMinutes: number };

type WatchedIncident = {
  id: string;
  workspaceId: string;
  severity: Severity;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  status: string;
};

/**
 * The thresholds an incident has passed at `now` on clocks that still run: response until it is
 * acknowledged, resolution until it is resolved. A resolved incident crosses nothing.
 */
export function findCrossings(incident: WatchedIncident, policy: ReturnType<typeof resolveSlaPolicy>, now: Date): SlaCrossingFound[] {
  if (incident.resolvedAt || !(openStatuses as readonly string[]).includes(incident.status)) return [];
  const sla = computeSla(incident, policy, now);
  const found: SlaCrossingFound[] = [];
  for (const clock of ["response", "resolution"] as const) {
    const c = sla[clock];
    if (c.stoppedAt) continue;
    const start = incident.createdAt.getTime();
    const warnAt = new Date(start + c.targetMinutes * 60_000 * SLA_WARNING_FRACTION);
    if (now >= warnAt) found.push({ incidentId: incident.id, workspaceId: incident.workspaceId, clock, level: "warning", severity: incident.severity, crossedAt: warnAt, targetMinutes: c.targetMinutes });
    if (now > c.dueAt) found.push({ incidentId: incident.id, workspaceId: incident.workspaceId, clock, level: "breach", severity: incident.severity, crossedAt: c.dueAt, targetMinutes: c.targetMinutes });
  }
  return found;
}

export type SlaWatchReport = { ran: boolean; checked: number; recorded: number };

/**
 * Watches every open incident's SLA clocks (the scheduler and `/api/cron/sla`): each threshold
 * crossed for the first time gets one row in `sla_crossings` and one timeline entry, in one
 * transaction; the unique index makes a repeat (another tick, another instance) write nothing.
 * `now` is injectable so tests move the clock.
 */
export async function watchSla(db: Database, options: { now?: Date; workspaceId?: string } = {}): Promise<SlaWatchReport> {
  const now = options.now ?? new Date();
  const result = await withJobLock(db, SLA_JOB, async (tx) => {
    const rows = await tx
      .select({
        id: incidents.id,
        number: incidents.number,
        workspaceId: incidents.workspaceId,
        severity: incidents.severity,
        status: incidents.status,
        createdAt: incidents.createdAt,
        acknowledgedAt: incidents.acknowledgedAt,
        resolvedAt: incidents.resolvedAt,
        settings: workspaces.settings,
      })
      .from(incidents)
      .innerJoin(workspaces, eq(workspaces.id, incidents.workspaceId))
      .where(
        and(
          inArray(incidents.status, [...openStatuses]),
          isNull(incidents.resolvedAt),
          options.workspaceId ? eq(incidents.workspaceId, options.workspaceId) : undefined,
        ),
      );
    const written: { workspaceId: string; incidentId: string; entryId: string }[] = [];
    const told: { workspaceId: string; userId: string }[] = [];
    for (const row of rows) {
      const crossings = findCrossings(row, resolveSlaPolicy(row.settings), now);
      for (const c of crossings) {
        const [inserted] = await tx
          .insert(slaCrossings)
          .values({ workspaceId: c.workspaceId, incidentId: c.incidentId, clock: c.clock, level: c.level, severity: c.severity, crossedAt: c.crossedAt })
          .onConflictDoNothing()
          .returning({ id: slaCrossings.id });
        if (!inserted) continue;
        const entry = await appendTimelineEntry(tx, systemActor(c.workspaceId, "SLA watcher"), {
          incidentId: c.incidentId,
          kind: "system",
          body: describeCrossing(c.clock, c.level, c.severity, formatMinutes(c.targetMinutes)),
          data: { sla: { clock: c.clock, level: c.level, severity: c.severity, crossedAt: c.crossedAt.toISOString(), targetMinutes: c.targetMinutes } },
        });
        await tx.update(slaCrossings).set({ timelineEntryId: entry.id }).where(eq(slaCrossings.id, inserted.id));
        written.push({ workspaceId: c.workspaceId, incidentId: c.incidentId, entryId: entry.id });
        if (c.level === "breach") {
          // The people on the incident (its roles) hear of a breach by their own rules (inbox, email…).
          const people = await tx.select({ userId: incidentRoles.userId }).from(incidentRoles).where(eq(incidentRoles.incidentId, c.incidentId));
          const got = await notifyUsers(tx, c.workspaceId, {
            userIds: people.map((p) => p.userId),
            event: "sla_breach",
            title: `INC-${row.number}: ${c.clock} SLA breached`,
            body: describeCrossing(c.clock, c.level, c.severity, formatMinutes(c.targetMinutes)),
            incidentId: c.incidentId,
          });
          told.push(...got.map((userId) => ({ workspaceId: c.workspaceId, userId })));
        }
      }
    }
    return { checked: rows.length, written, told };
  });
  if (!result.ran) return { ran: false, checked: 0, recorded: 0 };
  for (const w of result.value.written) {
    const actor = systemActor(w.workspaceId, "SLA watcher");
    await publish(actor, { type: "incident.timeline", incidentId: w.incidentId, entryId: w.entryId });
    await publish(actor, { type: "sla.crossed", incidentId: w.incidentId });
  }
  for (const t of result.value.told) await publish(systemActor(t.workspaceId, "SLA watcher"), { type: "notification.created", userId: t.userId });
  return { ran: true, checked: result.value.checked, recorded: result.value.written.length };
}
