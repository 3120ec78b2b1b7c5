import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { getIncidentById, getTimeline } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { mappingFor, serviceMappings, workspaceTopology } from "./mapping";
import { personas as knownPersonas } from "./personas";
import { incidentChannelName } from "./shared";

type ExportItem = Record<string, unknown> & { offset_seconds: number; type: string; channel: string };

/**
 * An incident's conversation (alerts and chat, in order) as JSON in the on-call conversation
 * format: services with channel, on-call group and role; personas; timeline items with offsets
 * from the first, `thread_parent` as the index of an earlier item. It validates as a scenario's
 * `conversation` and can be replayed or posted elsewhere.
 */
export async function exportConversation(db: Database, actor: Actor, incidentId: string) {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const entries = (await getTimeline(db, { workspaceId: actor.workspaceId, incidentId: id })).filter((e) => e.kind === "chat" || e.kind === "alert");
  const mappings = serviceMappings(await workspaceTopology(db, actor.workspaceId));
  const own = mappingFor(mappings, incident.service);
  const incidentChannel = incidentChannelName(incident.createdAt, incident.number);
  const services: Record<string, { channel: string; oncall_group: string; role: string }> = {
    [incident.service]: { channel: own.channel, oncall_group: own.oncall_group, role: "primary" },
  };
  const channels = new Set([own.channel]);
  const start = entries[0]?.createdAt.getTime() ?? incident.createdAt.getTime();
  const indexOf = new Map<string, number>();
  const people: Record<string, { name: string }> = {};
  const timeline: ExportItem[] = entries.map((e, i) => {
    indexOf.set(e.id, i);
    const channel = typeof e.data.channel === "string" ? e.data.channel : own.channel;
    if (!channels.has(channel)) {
      channels.add(channel);
      const owner = [...mappings.entries()].find(([, m]) => m.channel === channel);
      if (owner) services[owner[0]] = { channel, oncall_group: owner[1].oncall_group, role: "affected" };
      else if (channel === incidentChannel) services[`incident-${incident.number}`] = { channel, oncall_group: own.oncall_group, role: "observer" };
    }
    const user = typeof e.data.persona === "string" ? e.data.persona : e.authorName.toLowerCase().replace(/[^a-z0-9]+/g, ".");
    const parent = typeof e.data.threadParentId === "string" ? indexOf.get(e.data.threadParentId) : undefined;
    const offset = Math.max(0, Math.round((e.createdAt.getTime() - start) / 1000));
    if (e.kind === "alert") {
      return {
        offset_seconds: offset,
        type: "alert",
        channel,
        severity: typeof e.data.severity === "string" ? e.data.severity : "warning",
        title: typeof e.data.title === "string" ? e.data.title : e.body.slice(0, 200),
        details: e.body,
        ...(e.data.metrics ? { metrics: e.data.metrics } : {}),
        ...(e.data.runbook ? { runbook: e.data.runbook } : {}),
      };
    }
    people[user] = { name: typeof e.data.persona === "string" ? (knownPersonas[user]?.name ?? e.authorName) : e.authorName };
    const type = typeof e.data.type === "string" && ["message", "mention", "resolution", "action"].includes(e.data.type) ? e.data.type : Array.isArray(e.data.mentions) && e.data.mentions.length ? "mention" : "message";
    const reactions = Object.keys((e.data.reactions as Record<string, string[]> | undefined) ?? {});
    return {
      offset_seconds: offset,
      type,
      channel,
      user,
      content: e.body,
      ...(parent !== undefined ? { thread_parent: parent } : {}),
      ...(Array.isArray(e.data.mentions) && e.data.mentions.length ? { mentions: e.data.mentions } : {}),
      ...(reactions.length ? { reactions } : {}),
      ...(typeof e.data.action_type === "string" ? { action_type: e.data.action_type } : {}),
      ...(e.data.metrics_after ? { metrics_after: e.data.metrics_after } : {}),
    };
  });
  return {
    scenario_id: `inc-${incident.number}`,
    scenario_type: typeof incident.metadata.scenario_id === "string" ? incident.metadata.scenario_id : incident.service,
    title: incident.title,
    start_time: new Date(start).toISOString(),
    services,
    personas: people,
    timeline,
  };
}
