import { timelineEntries, type TimelineEntry } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";

/**
 * Writes an entry on an incident's timeline inside the caller's transaction, for features that
 * report what they did there (the SRE agent's plans, decisions and steps; the war room's chat and a
 * drill's scripted conversation, whose personas are named by `author`). The caller publishes
 * `incident.timeline` after its commit.
 */
export async function appendTimelineEntry(
  tx: Database,
  actor: Actor,
  entry: { incidentId: string; kind: "action" | "system" | "chat" | "alert"; body: string; data?: Record<string, unknown>; createdAt?: Date; author?: { kind: Actor["kind"]; id: string | null; name: string } },
): Promise<TimelineEntry> {
  const [row] = await tx
    .insert(timelineEntries)
    .values({
      workspaceId: actor.workspaceId,
      incidentId: entry.incidentId,
      kind: entry.kind,
      body: entry.body.slice(0, 4000),
      data: entry.data ?? {},
      authorKind: entry.author?.kind ?? actor.kind,
      authorId: entry.author ? entry.author.id : actor.id,
      authorName: entry.author?.name ?? actor.name,
      ...(entry.createdAt ? { createdAt: entry.createdAt } : {}),
    })
    .returning();
  return row;
}
