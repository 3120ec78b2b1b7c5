import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { escalationRuns, notifications } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import type { InboxView, NotificationEventName } from "./shared";

export function assertUser(actor: Actor): string {
  if (actor.kind !== "user" || !actor.id) throw new AppError("forbidden:user", "Only a signed-in member has notifications.");
  return actor.id;
}

/** The caller's inbox, newest first, with the unread count. */
export async function getInbox(db: Database, actor: Actor, options: { limit?: number } = {}): Promise<InboxView> {
  if (actor.kind !== "user" || !actor.id) return { items: [], unread: 0 };
  const where = and(eq(notifications.workspaceId, actor.workspaceId), eq(notifications.userId, actor.id));
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt))
      .limit(Math.min(options.limit ?? 30, 100)),
    db.select({ n: count() }).from(notifications).where(and(where, isNull(notifications.readAt))),
  ]);
  const incidentIds = [...new Set(rows.map((r) => r.incidentId).filter((id): id is string => !!id))];
  const open = incidentIds.length
    ? await db
        .select({ incidentId: escalationRuns.incidentId })
        .from(escalationRuns)
        .where(and(eq(escalationRuns.workspaceId, actor.workspaceId), inArray(escalationRuns.incidentId, incidentIds), inArray(escalationRuns.status, ["paging", "waiting"])))
    : [];
  const acknowledgeable = new Set(open.map((o) => o.incidentId));
  return {
    unread: Number(n),
    items: rows.map((r) => ({
      id: r.id,
      event: r.event as NotificationEventName,
      title: r.title,
      body: r.body,
      incidentId: r.incidentId,
      readAt: r.readAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      acknowledgeable: r.event === "paged" && !!r.incidentId && acknowledgeable.has(r.incidentId),
    })),
  };
}

const markReadSchema = z.object({ ids: z.array(z.string().uuid("is not a valid id")).max(200).optional(), all: z.boolean().optional() });

/** Marks notifications read (`ids`, or `all`). */
export async function markNotificationsRead(db: Database, actor: Actor, input: unknown): Promise<Result<{ updated: number }>> {
  return toResult({ op: "notifications.markRead", actor }, async () => {
    const userId = assertUser(actor);
    const { ids, all } = parseInput(markReadSchema, input);
    if (!all && !ids?.length) return { updated: 0 };
    const conds = [eq(notifications.workspaceId, actor.workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt)];
    if (!all) conds.push(inArray(notifications.id, ids!));
    const rows = await db.update(notifications).set({ readAt: new Date() }).where(and(...conds)).returning({ id: notifications.id });
    if (rows.length) await publish(actor, { type: "notification.created", userId });
    return { updated: rows.length };
  });
}
