import type { EventEmitter } from "node:events";
import { busEvents, type PresenceSignal } from "../driver";
import type { RealtimeMessage } from "../events";
import { localBus } from "../publish";
import { processState } from "@/lib/process-state";

/** One server-sent-events connection, as the hub sees it. */
export type HubSubscriber = { send: (event: string, data: unknown) => void };

export type Hub = {
  subscribe(workspaceId: string, subscriber: HubSubscriber): () => void;
  size(): number;
};


/**
 * The SSE connections of this instance, by workspace. It listens to the in-process bus, which the
 * driver feeds: directly on PGlite, from LISTEN on PostgreSQL (so every instance hears every commit).
 */
export function realtimeHub(): Hub {
  return processState("realtime-hub", () => createHub(localBus()));
}

/** A hub fed by `bus` (the bench runs two "instances" in one process, each with its own bus and hub). */
export function createHub(bus: EventEmitter): Hub {
  const byWorkspace = new Map<string, Set<HubSubscriber>>();
  let count = 0;
  const each = (workspaceId: string | null, fn: (s: HubSubscriber) => void) => {
    const targets = workspaceId === null ? [...byWorkspace.values()].flatMap((s) => [...s]) : [...(byWorkspace.get(workspaceId) ?? [])];
    for (const s of targets) {
      try {
        fn(s);
      } catch {
        // A closed stream is removed by its own abort handler.
      }
    }
  };
  bus.on(busEvents.message, (m: RealtimeMessage) => each(m.workspaceId, (s) => s.send("message", m)));
  bus.on(busEvents.presence, (p: PresenceSignal) => each(p.workspaceId, (s) => s.send("presence", { room: p.room })));
  bus.on(busEvents.resync, () => each(null, (s) => s.send("resync", {})));
  const hub: Hub = {
    subscribe(workspaceId, subscriber) {
      let set = byWorkspace.get(workspaceId);
      if (!set) byWorkspace.set(workspaceId, (set = new Set()));
      set.add(subscriber);
      count++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count--;
        set.delete(subscriber);
        if (set.size === 0) byWorkspace.delete(workspaceId);
      };
    },
    size: () => count,
  };
  return hub;
}
