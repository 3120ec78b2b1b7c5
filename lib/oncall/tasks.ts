import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { incidentTasks, type IncidentTask } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { assertMembers } from "./members";
import { taskInputSchema, taskUpdateSchema } from "./shared";

const taskIdSchema = z.string().uuid("is not a valid task id");

/** Adds a follow-up task to an incident (work during the incident, not a post-mortem action item). */
export async function addIncidentTask(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<IncidentTask>> {
  return toResult({ op: "oncall.addIncidentTask", actor }, async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    const task = parseInput(taskInputSchema, input);
    await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
    if (task.ownerId) await assertMembers(db, actor.workspaceId, [task.ownerId], "ownerId");
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(incidentTasks)
        .values({ workspaceId: actor.workspaceId, incidentId, title: task.title, ownerId: task.ownerId ?? null, createdByKind: actor.kind, createdById: actor.id, createdByName: actor.name })
        .returning();
      await recordAudit(tx, actor, { action: "incident.task.add", targetType: "incident", targetId: incidentId, data: { taskId: created.id, title: task.title } });
      return created;
    });
    await publish(actor, { type: "oncall.updated", incidentId });
    return row;
  });
}

/** Renames, re-assigns or ticks off a task. */
export async function updateIncidentTask(db: Database, actor: Actor, taskId: string, input: unknown): Promise<Result<IncidentTask>> {
  return toResult({ op: "oncall.updateIncidentTask", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(taskIdSchema, taskId);
    const change = parseInput(taskUpdateSchema, input);
    if (change.ownerId) await assertMembers(db, actor.workspaceId, [change.ownerId], "ownerId");
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(incidentTasks)
        .set({
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.ownerId !== undefined ? { ownerId: change.ownerId } : {}),
          ...(change.done !== undefined ? { done: change.done, doneAt: change.done ? new Date() : null } : {}),
        })
        .where(and(eq(incidentTasks.workspaceId, actor.workspaceId), eq(incidentTasks.id, id)))
        .returning();
      if (!updated) throw new AppError("not_found:task", "Task not found.");
      await recordAudit(tx, actor, { action: "incident.task.update", targetType: "incident", targetId: updated.incidentId, data: { taskId: id, ...change } });
      return updated;
    });
    await publish(actor, { type: "oncall.updated", incidentId: row.incidentId });
    return row;
  });
}
