import { and, eq, sql } from "drizzle-orm";
import { timelineEntries, type TimelineEntry } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { addNoteSchema, editNoteSchema, incidentIdSchema } from "./schemas";
import { lockIncident } from "./write-helpers";
import { z } from "zod";

export async function addNote(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<Result<TimelineEntry>> {
  return toResult({ op: "incidents.addNote", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const { body } = parseInput(addNoteSchema, input);
    const entry = await db.transaction(async (tx) => {
      await lockIncident(tx, { workspaceId: actor.workspaceId, id });
      const [row] = await tx
        .insert(timelineEntries)
        .values({ workspaceId: actor.workspaceId, incidentId: id, kind: "note", body, authorKind: actor.kind, authorId: actor.id, authorName: actor.name })
        .returning();
      await recordAudit(tx, actor, { action: "note.add", targetType: "incident", targetId: id, data: { entryId: row.id } });
      return row;
    });
    await publish(actor, { type: "incident.timeline", incidentId: id, entryId: entry.id });
    return entry;
  });
}

/** Only the author edits their note, and only from the version they read. */
export async function editNote(db: Database, actor: Actor, noteId: string, input: unknown): Promise<Result<TimelineEntry>> {
  return toResult({ op: "incidents.editNote", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(z.string().uuid("is not a valid note id"), noteId);
    const { body, version } = parseInput(editNoteSchema, input);
    const entry = await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(timelineEntries)
        .where(and(eq(timelineEntries.workspaceId, actor.workspaceId), eq(timelineEntries.id, id), eq(timelineEntries.kind, "note")))
        .for("update");
      if (!current) throw new AppError("not_found:note", "Note not found.");
      if (current.authorKind !== actor.kind || current.authorId !== actor.id) {
        throw new AppError("forbidden:note", "Only the author can edit this note.");
      }
      if (current.version !== version) {
        throw new AppError("conflict:note", "This note was changed since you opened it. Reload to see the latest text.", {
          details: { currentVersion: current.version },
        });
      }
      const [row] = await tx
        .update(timelineEntries)
        .set({ body, version: sql`${timelineEntries.version} + 1`, editedAt: new Date() })
        .where(eq(timelineEntries.id, id))
        .returning();
      await recordAudit(tx, actor, { action: "note.edit", targetType: "incident", targetId: row.incidentId, data: { entryId: id } });
      return row;
    });
    await publish(actor, { type: "incident.timeline", incidentId: entry.incidentId, entryId: entry.id });
    return entry;
  });
}
