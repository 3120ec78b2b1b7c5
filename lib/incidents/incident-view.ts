import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { parseInput } from "@/lib/result";
import { readWorkspaceSettings } from "@/lib/workspaces";
import { mergeFeed, toIncidentDto, type IncidentPayload, type TimelinePayload } from "./incident-dto";
import { getIncidentById, getStatusHistory, getTimeline } from "./queries";
import { incidentIdSchema } from "./schemas";
import { resolveSlaPolicy } from "./sla";

/** The incident with its workspace's SLA policy (404 when it is not in the actor's workspace). */
export async function loadIncidentPayload(db: Database, actor: Actor, id: string): Promise<IncidentPayload> {
  assertCan(actor, "incident:read");
  const incidentId = parseInput(incidentIdSchema, id);
  const [row, settings] = await Promise.all([
    getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId }),
    readWorkspaceSettings(db, actor.workspaceId),
  ]);
  return { incident: toIncidentDto(row), slaPolicy: resolveSlaPolicy(settings) };
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
