import { and, eq } from "drizzle-orm";
import { events, incidents } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { incidentIdSchema } from "./schemas";
import { lockIncident } from "./write-helpers";

/** Deletes an incident and everything hanging off it. Guests may delete only what they created. */
export async function deleteIncident(db: Database, actor: Actor, id: string): Promise<Result<{ id: string; number: number }>> {
  return toResult({ op: "incidents.deleteIncident", actor }, async () => {
    assertCan(actor, "incident:delete");
    const incidentId = parseInput(incidentIdSchema, id);
    const deleted = await db.transaction(async (tx) => {
      const current = await lockIncident(tx, { workspaceId: actor.workspaceId, id: incidentId });
      if (actor.kind === "guest" && (current.createdByKind !== "guest" || current.createdById !== actor.id)) {
        throw new AppError("forbidden:incident", "Guests can delete only the incidents they created.");
      }
      // Its events stay in the log, unlinked (events carry no foreign key; see db/schema/intake.ts).
      await tx.update(events).set({ incidentId: null }).where(and(eq(events.workspaceId, actor.workspaceId), eq(events.incidentId, incidentId)));
      await tx.delete(incidents).where(and(eq(incidents.workspaceId, actor.workspaceId), eq(incidents.id, incidentId)));
      await recordAudit(tx, actor, {
        action: "incident.delete",
        targetType: "incident",
        targetId: incidentId,
        data: { number: current.number, title: current.title },
      });
      return { id: incidentId, number: current.number };
    });
    await publish(actor, { type: "incident.deleted", incidentId });
    return deleted;
  });
}
