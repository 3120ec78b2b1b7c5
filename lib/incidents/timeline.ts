import { timelineEntries, type TimelineEntry } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";

/**
 * Writes an entry on an incident's timeline inside the caller's transaction, for features that
 * report what they did there (the SRE agent's plans, decisions and steps). The caller publishes
 * `incident.timeline` after its commit.
 */
export async function appendTimelineEntry(
  tx: Database,
  actor: Actor,
  entry: { incidentId: string; kind: "action" | "system"; body: string; data?: Record<string, unknown> },
): Promise<TimelineEntry> {
  const [row] = await tx
    .insert(timelineEntries)
    .values({
      workspaceId: actor.workspaceId,
      incidentId: entry.incidentId,
      kind: entry.kind,
      body: entry.body.slice(0, 2000),
      data: entry.data ?? {},
      authorKind: actor.kind,
      authorId: actor.id,
      authorName: actor.name,
    })
    .returning();
  return row;
}
