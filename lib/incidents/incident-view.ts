import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/result";
import { mergeFeed, toIncidentDto, type IncidentPayload, type TimelinePayload } from "./incident-dto";
import { getIncidentById, getStatusHistory, getTimeline } from "./queries";
import { incidentIdSchema } from "./schemas";
import { resolveSlaPolicy } from "./sla";

export async function getWorkspaceSettingsRow(db: Database, workspaceId: string) {
  const [ws] = await db
    .select({ slug: workspaces.slug, name: workspaces.name, kind: workspaces.kind, settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
  return ws;
}

/** The incident with its workspace's SLA policy (404 when it is not in the actor's workspace). */
export async function loadIncidentPayload(db: Database, actor: Actor, id: string): Promise<IncidentPayload> {
  assertCan(actor, "incident:read");
  const incidentId = parseInput(incidentIdSchema, id);
  const [row, ws] = await Promise.all([
    getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId }),
    getWorkspaceSettingsRow(db, actor.workspaceId),
  ]);
  return { incident: toIncidentDto(row), slaPolicy: resolveSlaPolicy(ws.settings) };
}

export async function loadTimelinePayload(db: Database, actor: Actor, id: string): Promise<TimelinePayload> {
  assertCan(actor, "incident:read");
  const incidentId = parseInput(incidentIdSchema, id);
  const where = { workspaceId: actor.workspaceId, incidentId };
  // Confirms the incident is in this workspace, so another tenant's id reads as 404, not as empty.
  await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
  const [history, entries] = await Promise.all([getStatusHistory(db, where), getTimeline(db, where)]);
  return { items: mergeFeed(history, entries) };
}
