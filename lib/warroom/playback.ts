import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { appendTimelineEntry } from "@/lib/incidents";
import type { Conversation, Scenario } from "@/lib/simulation/shared";
import type { Topology } from "@/lib/topology";
import { composeConversation } from "./compose";

type Item = Conversation["timeline"][number];

/** The scenario's own script, else one composed from the patterns and personas, deterministic by the run's seed. */
export function conversationFor(scenario: Scenario, topology: Topology, seed: number): Conversation {
  return scenario.conversation ?? composeConversation(scenario, topology, seed);
}

/** Indices of the items due by `elapsedMs` of drill time that have not played yet (all the rest with `flush`). */
export function dueItems(conversation: Conversation, from: number, elapsedMs: number, flush = false): number[] {
  const out: number[] = [];
  for (let i = from; i < conversation.timeline.length; i++) {
    if (!flush && conversation.timeline[i].offset_seconds * 1000 > elapsedMs) break;
    out.push(i);
  }
  return out;
}

function bodyOf(item: Item): string {
  if (item.type === "alert") return [item.title, item.details].filter(Boolean).join(": ") || "Alert";
  return item.content ?? "";
}

export type PlayState = { index: number; entries: Record<string, string> };

/**
 * Plays the due items of a drill's conversation into its incident's timeline, inside the caller's
 * transaction: alerts as alert entries, messages, mentions, actions and resolutions as chat from
 * their persona, threads kept by entry id. Items that arrive together keep their order (a
 * millisecond apart). Returns the new position and the last entry written.
 */
export async function playConversation(
  tx: Database,
  actor: Actor,
  input: { incidentId: string; conversation: Conversation; state: PlayState; indices: number[]; now: Date; simulationId: string },
): Promise<{ state: PlayState; lastEntryId: string | null }> {
  const { conversation } = input;
  const parents = new Set(conversation.timeline.map((i) => i.thread_parent).filter((p): p is number => p !== undefined));
  const entries = { ...input.state.entries };
  let index = input.state.index;
  let lastEntryId: string | null = null;
  for (const [n, i] of input.indices.entries()) {
    const item = conversation.timeline[i];
    const persona = item.user ? conversation.personas[item.user] : undefined;
    const parent = item.thread_parent !== undefined ? (entries[String(item.thread_parent)] ?? null) : null;
    const row = await appendTimelineEntry(tx, actor, {
      incidentId: input.incidentId,
      kind: item.type === "alert" ? "alert" : "chat",
      body: bodyOf(item),
      createdAt: new Date(input.now.getTime() - (input.indices.length - 1 - n)),
      author: item.user ? { kind: "system", id: null, name: persona?.name ?? item.user } : { kind: "system", id: null, name: "Monitoring" },
      data: {
        channel: item.channel,
        threadParentId: parent,
        mentions: item.mentions ?? [],
        reactions: Object.fromEntries((item.reactions ?? []).map((r) => [r, [persona?.name ?? "someone"]])),
        ...(item.user ? { persona: item.user } : {}),
        type: item.type,
        ...(item.severity ? { severity: item.severity } : {}),
        ...(item.title ? { title: item.title } : {}),
        ...(item.metrics ? { metrics: item.metrics } : {}),
        ...(item.metrics_after ? { metrics_after: item.metrics_after } : {}),
        ...(item.runbook ? { runbook: item.runbook } : {}),
        ...(item.action_type ? { action_type: item.action_type } : {}),
        conversation: { simulationId: input.simulationId, index: i, offsetSeconds: item.offset_seconds },
      },
    });
    if (parents.has(i)) entries[String(i)] = row.id;
    index = i + 1;
    lastEntryId = row.id;
  }
  return { state: { index, entries }, lastEntryId };
}
