import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { incidentRoles, incidents, incidentStatusHistory, oncallCursors } from "@/db/schema";
import type { Database } from "@/db/client";
import { systemActor } from "@/lib/auth";
import { emitWebhookEvent, notifyUsers } from "@/lib/notifications";
import { publish } from "@/lib/realtime";

const CURSOR = "status-changes";

/**
 * Tells the people on an incident (its roles) when its status changes, and workspace webhooks
 * (`incident.status_changed`). Reads the status history after a cursor kept in the database, under
 * the cursor row's lock, so instances never tell twice; the first run starts from now.
 */
export async function notifyStatusChanges(db: Database, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const inboxed: { workspaceId: string; userId: string }[] = [];
  const count = await db.transaction(async (tx) => {
    await tx.insert(oncallCursors).values({ name: CURSOR, at: now }).onConflictDoNothing();
    const [cursor] = await tx.select().from(oncallCursors).where(eq(oncallCursors.name, CURSOR)).for("update");
    const changes = await tx
      .select({ h: incidentStatusHistory, number: incidents.number, title: incidents.title })
      .from(incidentStatusHistory)
      .innerJoin(incidents, eq(incidents.id, incidentStatusHistory.incidentId))
      .where(gt(incidentStatusHistory.createdAt, cursor.at))
      .orderBy(asc(incidentStatusHistory.createdAt))
      .limit(200);
    if (changes.length === 0) return 0;
    const ids = [...new Set(changes.map((c) => c.h.incidentId))];
    const roles = await tx.select().from(incidentRoles).where(inArray(incidentRoles.incidentId, ids));
    for (const { h, number, title } of changes) {
      // An incident's first row is its creation, not a change.
      if (h.fromStatus === null) continue;
      const people = roles.filter((r) => r.incidentId === h.incidentId && r.userId !== h.actorId).map((r) => r.userId);
      const got = await notifyUsers(tx, h.workspaceId, {
        userIds: people,
        event: "status_change",
        title: `INC-${number} is ${h.toStatus}`,
        body: `${h.actorName} moved "${title}" from ${h.fromStatus ?? "new"} to ${h.toStatus}.`,
        incidentId: h.incidentId,
      });
      inboxed.push(...got.map((userId) => ({ workspaceId: h.workspaceId, userId })));
      await emitWebhookEvent(tx, h.workspaceId, "incident.status_changed", { incident_id: h.incidentId, number, from: h.fromStatus, to: h.toStatus, by: h.actorName });
    }
    await tx.update(oncallCursors).set({ at: changes[changes.length - 1].h.createdAt }).where(and(eq(oncallCursors.name, CURSOR)));
    return changes.length;
  });
  for (const { workspaceId, userId } of inboxed) await publish(systemActor(workspaceId), { type: "notification.created", userId });
  return count;
}
