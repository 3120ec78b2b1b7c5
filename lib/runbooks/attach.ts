import { and, eq, sql } from "drizzle-orm";
import { incidentRunbooks, incidents, runbookVersions } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { appendTimelineEntry } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import { findRunbookRow } from "./queries";
import { checklistItems, tickSchema } from "./shared";

const attachSchema = z.object({ runbookId: z.uuid() });

async function assertIncident(tx: Database, workspaceId: string, incidentId: string): Promise<void> {
  const [row] = await tx.select({ id: incidents.id }).from(incidents).where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.id, incidentId)));
  if (!row) throw new AppError("not_found:incident", "No such incident in this workspace.");
}

/** Attaches a runbook (at its current version) to an incident; the timeline says who did. Attaching twice changes nothing. */
export async function attachRunbook(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<Result<{ id: string; attached: boolean }>> {
  return toResult({ op: "runbooks.attach", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const { runbookId } = parseInput(attachSchema, input);
    const done = await db.transaction(async (tx) => {
      await assertIncident(tx, actor.workspaceId, id);
      const runbook = await findRunbookRow(tx, actor.workspaceId, runbookId);
      const [row] = await tx
        .insert(incidentRunbooks)
        .values({ workspaceId: actor.workspaceId, incidentId: id, runbookId, runbookVersion: runbook.version, attachedByKind: actor.kind, attachedById: actor.id, attachedByName: actor.name })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [existing] = await tx.select({ id: incidentRunbooks.id }).from(incidentRunbooks).where(and(eq(incidentRunbooks.incidentId, id), eq(incidentRunbooks.runbookId, runbookId)));
        return { id: existing.id, attached: false, entryId: null };
      }
      const entry = await appendTimelineEntry(tx, actor, {
        incidentId: id,
        kind: "action",
        body: `Attached the runbook "${runbook.title}" (version ${runbook.version}).`,
        data: { runbook: { id: runbook.id, title: runbook.title, version: runbook.version, event: "attached" } },
      });
      await recordAudit(tx, actor, { action: "runbook.attach", targetType: "incident", targetId: id, data: { runbookId } });
      return { id: row.id, attached: true, entryId: entry.id };
    });
    if (done.entryId) {
      await publish(actor, { type: "runbook.updated", runbookId, incidentId: id });
      await publish(actor, { type: "incident.timeline", incidentId: id, entryId: done.entryId });
    }
    return { id: done.id, attached: done.attached };
  });
}

/**
 * Ticks (or unticks) one checklist item of a runbook attached to an incident. Each change is one
 * timeline entry naming the item, who and when; a tick that is already in place writes nothing.
 */
export async function tickChecklistItem(db: Database, actor: Actor, attachmentId: string, input: unknown): Promise<Result<{ checked: number[]; changed: boolean }>> {
  return toResult({ op: "runbooks.tick", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(incidentIdSchema, attachmentId);
    const { index, checked } = parseInput(tickSchema, input);
    const done = await db.transaction(async (tx) => {
      const [att] = await tx
        .select()
        .from(incidentRunbooks)
        .where(and(eq(incidentRunbooks.workspaceId, actor.workspaceId), eq(incidentRunbooks.id, id)))
        .for("update");
      if (!att) throw new AppError("not_found:runbook", "This runbook is not attached to an incident of this workspace.");
      const runbook = await findRunbookRow(tx, actor.workspaceId, att.runbookId);
      let body = runbook.body;
      if (att.runbookVersion !== runbook.version) {
        const [v] = await tx.select({ body: runbookVersions.body }).from(runbookVersions).where(and(eq(runbookVersions.runbookId, att.runbookId), eq(runbookVersions.version, att.runbookVersion)));
        if (v) body = v.body;
      }
      const item = checklistItems(body)[index];
      if (!item) throw new AppError("unprocessable:input", `The runbook has no checklist item ${index}.`, { issues: [{ path: "index", message: "is not a checklist item of this runbook" }] });
      const has = att.checked.includes(index);
      if (has === checked) return { checked: att.checked, entryId: null, incidentId: att.incidentId };
      const next = checked ? [...att.checked, index].sort((a, b) => a - b) : att.checked.filter((i) => i !== index);
      await tx.update(incidentRunbooks).set({ checked: sql`${JSON.stringify(next)}::jsonb` }).where(eq(incidentRunbooks.id, id));
      const entry = await appendTimelineEntry(tx, actor, {
        incidentId: att.incidentId,
        kind: "action",
        body: `${checked ? "Checked" : "Unchecked"} "${item.text}" in the runbook "${runbook.title}".`,
        data: { runbook: { id: runbook.id, title: runbook.title, version: att.runbookVersion, event: checked ? "checked" : "unchecked", index, item: item.text } },
      });
      return { checked: next, entryId: entry.id, incidentId: att.incidentId };
    });
    if (done.entryId) {
      await publish(actor, { type: "runbook.updated", runbookId: null, incidentId: done.incidentId });
      await publish(actor, { type: "incident.timeline", incidentId: done.incidentId, entryId: done.entryId });
    }
    return { checked: done.checked, changed: done.entryId !== null };
  });
}
