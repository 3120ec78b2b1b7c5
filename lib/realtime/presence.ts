import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { realtimePresence } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { parseInput } from "@/lib/result";
import { memberOf } from "./presence-identity";
import { roomSchema } from "./channels";
import { getRealtimeDriver, localBus } from "./publish";
import { busEvents } from "./driver";

/** A presence entry lives this long unless the page renews it (it does every PRESENCE_HEARTBEAT_MS). */
export const PRESENCE_TTL_MS = 45_000;
export const PRESENCE_HEARTBEAT_MS = 15_000;

export type PresenceMember = { id: string; kind: string; name: string; color: string | null };

export const presenceInputSchema = z.object({
  room: roomSchema,
  connectionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, _ or -"),
});

async function signalChange(workspaceId: string, room: string): Promise<void> {
  const driver = getRealtimeDriver();
  if (driver?.presenceChanged) await driver.presenceChanged(workspaceId, room);
  else localBus().emit(busEvents.presence, { workspaceId, room });
}

/** Members of a room whose entries have not expired, one per person, by name. */
export async function listPresence(db: Database, workspaceId: string, room: string): Promise<PresenceMember[]> {
  const rows = await db
    .selectDistinctOn([realtimePresence.memberId], {
      id: realtimePresence.memberId,
      kind: realtimePresence.memberKind,
      name: realtimePresence.name,
      color: realtimePresence.color,
    })
    .from(realtimePresence)
    .where(and(eq(realtimePresence.workspaceId, workspaceId), eq(realtimePresence.room, room), gt(realtimePresence.expiresAt, sql`now()`)))
    .orderBy(asc(realtimePresence.memberId));
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Enters a room or renews the entry (heartbeat). Tells everyone when the room's members changed:
 * a new person, or someone moving a tab to another room.
 */
export async function joinPresence(db: Database, actor: Actor, input: unknown): Promise<PresenceMember[]> {
  const { room, connectionId } = parseInput(presenceInputSchema, input);
  const member = memberOf(actor);
  const before = await listPresence(db, actor.workspaceId, room);
  const [previous] = await db
    .select({ room: realtimePresence.room, workspaceId: realtimePresence.workspaceId, memberId: realtimePresence.memberId })
    .from(realtimePresence)
    .where(eq(realtimePresence.connectionId, connectionId))
    .limit(1);
  // A connection id belongs to whoever created it: nobody can take over someone else's entry.
  if (previous && (previous.memberId !== member.memberId || previous.workspaceId !== actor.workspaceId)) {
    return before;
  }
  const expiresAt = new Date(Date.now() + PRESENCE_TTL_MS);
  await db
    .insert(realtimePresence)
    .values({ connectionId, workspaceId: actor.workspaceId, room, memberId: member.memberId, memberKind: member.kind, name: member.name, color: member.color, expiresAt })
    .onConflictDoUpdate({ target: realtimePresence.connectionId, set: { room, name: member.name, color: member.color, expiresAt } });
  // Housekeeping: entries of tabs that vanished without saying goodbye.
  await db.delete(realtimePresence).where(and(eq(realtimePresence.workspaceId, actor.workspaceId), lte(realtimePresence.expiresAt, sql`now()`)));
  const after = await listPresence(db, actor.workspaceId, room);
  if (previous && previous.room !== room) await signalChange(actor.workspaceId, previous.room);
  if (!sameMembers(before, after)) await signalChange(actor.workspaceId, room);
  return after;
}

/** Leaves (the tab closed or navigated away). */
export async function leavePresence(db: Database, actor: Actor, input: unknown): Promise<void> {
  const { connectionId } = parseInput(presenceInputSchema.pick({ connectionId: true }), input);
  const member = memberOf(actor);
  const deleted = await db
    .delete(realtimePresence)
    .where(
      and(
        eq(realtimePresence.connectionId, connectionId),
        eq(realtimePresence.workspaceId, actor.workspaceId),
        eq(realtimePresence.memberId, member.memberId),
      ),
    )
    .returning({ room: realtimePresence.room });
  for (const row of deleted) await signalChange(actor.workspaceId, row.room);
}

function sameMembers(a: PresenceMember[], b: PresenceMember[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i].id && m.name === b[i].name && m.color === b[i].color);
}
