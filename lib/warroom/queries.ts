import type { Incident, IncidentStatusChange, TimelineEntry } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { getIncidentById, getStatusHistory, getTimeline } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { listEventsForIncident } from "@/lib/intake";
import { parseInput } from "@/lib/result";
import { listMembersOf } from "@/lib/workspaces";
import { mappingFor, serviceMappings, workspaceTopology } from "./mapping";
import { incidentChannelName, memberHandle, mergeTimeline, type Mentionable, type Reactions, type WarRoomItem, type WarRoomKind, type WarRoomPayload } from "./shared";

/** How many of an incident's intake events the timeline shows (the newest; the events tab has them all). */
export const TIMELINE_EVENT_LIMIT = 200;

/** Channels of an incident (its service's on-call channel, the other affected services', its own) and who can be @mentioned. */
export async function mentionablesFor(db: Database, workspaceId: string, incident: Incident): Promise<{ channels: string[]; mentionables: Mentionable[]; incidentChannel: string }> {
  const [topology, members] = await Promise.all([workspaceTopology(db, workspaceId), listMembersOf(db, workspaceId)]);
  const mappings = serviceMappings(topology);
  const own = mappingFor(mappings, incident.service);
  const incidentChannel = incidentChannelName(incident.createdAt, incident.number);
  const affected = incident.affectedSystems.filter((s) => s !== incident.service).map((s) => mappingFor(mappings, s).channel);
  const channels = [...new Set([own.channel, incidentChannel, ...affected])];
  const groups: Mentionable[] = [...mappings.values()].map((m) => ({ handle: m.oncall_group, label: m.oncall_group, kind: "group" as const }));
  if (!mappings.has(incident.service)) groups.unshift({ handle: own.oncall_group, label: own.oncall_group, kind: "group" });
  const people: Mentionable[] = members.map((m) => ({ handle: memberHandle(m), label: m.name ?? memberHandle(m), kind: "member" as const, userId: m.userId }));
  return { channels, mentionables: [...people, ...groups], incidentChannel };
}

function statusItem(h: IncidentStatusChange): WarRoomItem {
  return {
    id: `status-${h.id}`,
    kind: "status",
    at: h.createdAt.toISOString(),
    author: { kind: h.actorKind, id: h.actorId, name: h.actorName },
    body: h.reason ?? "",
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
  };
}

function entryKind(e: TimelineEntry): WarRoomKind {
  if (e.kind === "chat") return "chat";
  if (e.kind === "alert") return "alert";
  if (e.kind === "note") return "note";
  if (e.kind === "status_change") return "status";
  if (e.kind === "action") return "agent";
  if (e.kind === "system" && typeof e.data.diagnosisId === "string") return "diagnosis";
  return "change";
}

function entryItem(e: TimelineEntry): WarRoomItem {
  const persona = typeof e.data.persona === "string" ? e.data.persona : null;
  return {
    id: e.id,
    kind: entryKind(e),
    at: e.createdAt.toISOString(),
    author: { kind: persona ? "persona" : e.authorKind, id: persona ?? e.authorId, name: e.authorName },
    body: e.body,
    ...(typeof e.data.channel === "string" ? { channel: e.data.channel } : {}),
    ...(typeof e.data.threadParentId === "string" ? { threadParentId: e.data.threadParentId } : {}),
    ...(Array.isArray(e.data.mentions) ? { mentions: e.data.mentions as string[] } : {}),
    ...(e.kind === "chat" || e.kind === "alert" ? { reactions: (e.data.reactions as Reactions | undefined) ?? {} } : {}),
    ...(typeof e.data.title === "string" ? { title: e.data.title } : {}),
    ...(typeof e.data.severity === "string" ? { level: e.data.severity } : {}),
    data: e.data,
  };
}

/**
 * The war room of an incident: alerts and events, status changes, notes, chat, diagnoses and agent
 * steps merged in time order, with the channels a message can go to and who can be mentioned.
 */
export async function loadWarRoom(db: Database, actor: Actor, incidentId: string): Promise<WarRoomPayload> {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const where = { workspaceId: actor.workspaceId, incidentId: id };
  const [history, entries, events, people] = await Promise.all([
    getStatusHistory(db, where),
    getTimeline(db, where),
    listEventsForIncident(db, { ...where, limit: TIMELINE_EVENT_LIMIT }),
    mentionablesFor(db, actor.workspaceId, incident),
  ]);
  const ownChannel = people.channels[0];
  const alerts: WarRoomItem[] = events
    .slice()
    .reverse()
    .map((e) => ({
      id: `event-${e.id}`,
      kind: "alert" as const,
      at: e.timestamp.toISOString(),
      author: { kind: "monitor" as const, id: null, name: e.source },
      body: e.message,
      level: e.level,
      channel: ownChannel,
      data: { service: e.service },
    }));
  // Status moves are in the history; their timeline twins (if any) would repeat them.
  const visible = entries.filter((e) => e.kind !== "status_change");
  return { items: mergeTimeline(alerts, history.map(statusItem), visible.map(entryItem)), ...people };
}

export { entryItem as warRoomEntryItem };
