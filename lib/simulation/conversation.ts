import type { SimulationRow, SimulationState } from "@/db/schema";
import type { Database } from "@/db/client";
import { conversationFor, dueItems, playConversation } from "@/lib/warroom";
import { simulatorActor } from "./deliver";
import { worldOf } from "./run-state";

/**
 * Plays a drill's conversation into its incident's timeline up to the world time the tick reached
 * (the drill's speed applies, since world time runs at it): items wait until the run has opened an
 * incident (the root service's, else the first), then the backlog plays at once. A finished run
 * plays the rest. Updates `state` in place; returns the incident and last entry to announce.
 */
export async function playRunConversation(
  tx: Database,
  row: SimulationRow,
  state: SimulationState,
  elapsedMs: number,
  done: boolean,
  now: Date,
): Promise<{ incidentId: string; entryId: string } | null> {
  const target = state.incidents.find((i) => i.service === row.rootService) ?? state.incidents[0];
  if (!target) return null;
  const { scenario, topology } = worldOf(row);
  const conversation = conversationFor(scenario, topology, row.seed);
  const from = state.conversationIndex ?? 0;
  const indices = dueItems(conversation, from, elapsedMs, done);
  if (indices.length === 0) return null;
  const played = await playConversation(tx, simulatorActor(row.workspaceId), {
    incidentId: target.id,
    conversation,
    state: { index: from, entries: state.conversationEntries ?? {} },
    indices,
    now,
    simulationId: row.id,
  });
  state.conversationIndex = played.state.index;
  state.conversationEntries = played.state.entries;
  return played.lastEntryId ? { incidentId: target.id, entryId: played.lastEntryId } : null;
}
