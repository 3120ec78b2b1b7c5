import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { incidents, openStatuses, slaCrossings } from "@/db/schema";
import type { Database } from "@/db/client";
import type { SlaAlertView } from "./shared";

/**
 * The worst recorded SLA state of each open incident of a workspace (breach over warning): the
 * board cards' badges. Resolved incidents carry none.
 */
export async function listSlaAlerts(db: Database, workspaceId: string): Promise<SlaAlertView[]> {
  const rows = await db
    .select({ incidentId: slaCrossings.incidentId, level: slaCrossings.level, clock: slaCrossings.clock, crossedAt: slaCrossings.crossedAt })
    .from(slaCrossings)
    .innerJoin(incidents, eq(incidents.id, slaCrossings.incidentId))
    .where(and(eq(slaCrossings.workspaceId, workspaceId), inArray(incidents.status, [...openStatuses]), isNull(incidents.resolvedAt)))
    .orderBy(desc(slaCrossings.crossedAt));
  const worst = new Map<string, SlaAlertView>();
  for (const r of rows) {
    const prev = worst.get(r.incidentId);
    if (prev && (prev.level === "breach" || r.level !== "breach")) continue;
    worst.set(r.incidentId, { incidentId: r.incidentId, level: r.level, clock: r.clock, crossedAt: r.crossedAt.toISOString() });
  }
  return [...worst.values()];
}
