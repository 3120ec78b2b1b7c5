import { and, desc, eq, gte, inArray, lte, or } from "drizzle-orm";
import { maintenanceWindows, type MaintenanceWindow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { getIncidentById } from "@/lib/incidents";
import { createMaintenanceWindowSchema } from "./schemas";
import { forgetSuppressions, lastOccurrenceEndedBy, windowCovers, windowOccurrenceAt } from "./suppression";
import type { MaintenanceWindowView } from "./view";

const DAY = 86_400_000;

function nextOccurrence(w: MaintenanceWindow, now: Date): { start: Date; end: Date } | null {
  const length = w.endsAt.getTime() - w.startsAt.getTime();
  if (now < w.startsAt) return { start: w.startsAt, end: w.endsAt };
  if (w.recurrence === "none") return null;
  const period = w.recurrence === "daily" ? DAY : 7 * DAY;
  const k = Math.floor((now.getTime() - w.startsAt.getTime()) / period) + 1;
  const s = w.startsAt.getTime() + k * period;
  if (w.recurrenceUntil && s > w.recurrenceUntil.getTime()) return null;
  return { start: new Date(s), end: new Date(s + length) };
}

const iso = (o: { start: Date; end: Date } | null) => (o ? { start: o.start.toISOString(), end: o.end.toISOString() } : null);

export function maintenanceWindowView(w: MaintenanceWindow, now = new Date()): MaintenanceWindowView {
  return {
    id: w.id,
    services: w.services,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    recurrence: w.recurrence,
    recurrenceUntil: w.recurrenceUntil?.toISOString() ?? null,
    reason: w.reason,
    createdBy: w.createdByName,
    createdAt: w.createdAt.toISOString(),
    activeNow: iso(windowOccurrenceAt(w, now)),
    next: iso(nextOccurrence(w, now)),
  };
}

/** Every window of the workspace, newest first (at most 500). */
export async function listMaintenanceWindows(db: Database, actor: Actor): Promise<MaintenanceWindowView[]> {
  assertCan(actor, "incident:read");
  const rows = await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.workspaceId, actor.workspaceId)).orderBy(desc(maintenanceWindows.startsAt)).limit(500);
  const now = new Date();
  return rows.map((w) => maintenanceWindowView(w, now));
}

/** The windows holding some service now (the board's banner). */
export async function activeMaintenanceWindows(db: Database, actor: Actor, now = new Date()): Promise<MaintenanceWindowView[]> {
  assertCan(actor, "incident:read");
  const rows = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.workspaceId, actor.workspaceId),
        lte(maintenanceWindows.startsAt, now),
        or(gte(maintenanceWindows.endsAt, now), inArray(maintenanceWindows.recurrence, ["daily", "weekly"])),
      ),
    );
  return rows.filter((w) => windowOccurrenceAt(w, now)).map((w) => maintenanceWindowView(w, now));
}

/** How soon after a window's end an incident is said to have opened "right after" it. */
export const AFTER_MAINTENANCE_MS = 60 * 60_000;

/**
 * The window covering `service` that ended within AFTER_MAINTENANCE_MS before `openedAt` (the
 * latest such), for "opened 12 minutes after maintenance ended".
 */
export async function maintenanceEndedBefore(
  db: Database,
  actor: Actor,
  service: string,
  openedAt: Date,
): Promise<{ window: MaintenanceWindowView; endedAt: string } | null> {
  assertCan(actor, "incident:read");
  const rows = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.workspaceId, actor.workspaceId),
        lte(maintenanceWindows.startsAt, openedAt),
        or(gte(maintenanceWindows.endsAt, new Date(openedAt.getTime() - AFTER_MAINTENANCE_MS)), inArray(maintenanceWindows.recurrence, ["daily", "weekly"])),
      ),
    );
  let best: { w: MaintenanceWindow; end: Date } | null = null;
  for (const w of rows) {
    if (!windowCovers(w, service)) continue;
    const o = lastOccurrenceEndedBy(w, openedAt);
    if (!o || openedAt.getTime() - o.end.getTime() > AFTER_MAINTENANCE_MS) continue;
    if (!best || o.end > best.end) best = { w, end: o.end };
  }
  return best ? { window: maintenanceWindowView(best.w), endedAt: best.end.toISOString() } : null;
}

/** Creates a window (responders and up). */
export async function createMaintenanceWindow(db: Database, actor: Actor, input: unknown): Promise<Result<MaintenanceWindowView>> {
  return toResult({ op: "alerts.createMaintenanceWindow", actor }, async () => {
    assertCan(actor, "incident:write");
    const v = parseInput(createMaintenanceWindowSchema, input);
    const row = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(maintenanceWindows)
        .values({ workspaceId: actor.workspaceId, ...v, createdByKind: actor.kind, createdById: actor.id ?? null, createdByName: actor.name })
        .returning();
      await recordAudit(tx, actor, { action: "alerts.maintenance.create", targetType: "maintenance_window", targetId: row.id, data: { ...v } });
      return row;
    });
    forgetSuppressions(actor.workspaceId);
    return maintenanceWindowView(row);
  });
}

/** Deletes a window (signals it held stay recorded, their rows keep saying "maintenance"). */
export async function deleteMaintenanceWindow(db: Database, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  return toResult({ op: "alerts.deleteMaintenanceWindow", actor }, async () => {
    assertCan(actor, "incident:write");
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found:maintenance_window", "No such maintenance window.");
    await db.transaction(async (tx) => {
      const [row] = await tx
        .delete(maintenanceWindows)
        .where(and(eq(maintenanceWindows.workspaceId, actor.workspaceId), eq(maintenanceWindows.id, id)))
        .returning({ id: maintenanceWindows.id });
      if (!row) throw new AppError("not_found:maintenance_window", "No such maintenance window.");
      await recordAudit(tx, actor, { action: "alerts.maintenance.delete", targetType: "maintenance_window", targetId: id });
    });
    forgetSuppressions(actor.workspaceId);
    return { id };
  });
}

/** For an incident's page: the maintenance window of its service that ended shortly before it opened, if any. */
export async function maintenanceNoteForIncident(db: Database, actor: Actor, incidentId: string): Promise<{ window: MaintenanceWindowView; endedAt: string; openedAt: string } | null> {
  assertCan(actor, "incident:read");
  if (!/^[0-9a-f-]{36}$/i.test(incidentId)) throw new AppError("not_found:incident", "Incident not found.");
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
  const note = await maintenanceEndedBefore(db, actor, incident.service, incident.createdAt);
  return note ? { ...note, openedAt: incident.createdAt.toISOString() } : null;
}
