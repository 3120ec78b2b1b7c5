import type { RealtimeMessage } from "./events";

export type RealtimeDriverName = "local" | "postgres" | "pusher";

/**
 * Carries messages from the instance that committed a change to every browser of the workspace.
 * `local` (PGlite, one process) and `postgres` (LISTEN/NOTIFY between instances) feed the built-in
 * server-sent-events hub; `pusher` hands messages to Pusher Channels.
 */
export type RealtimeDriver = {
  name: RealtimeDriverName;
  publish(message: RealtimeMessage): Promise<void>;
  /** The members of a built-in presence room changed; every instance tells its SSE clients. */
  presenceChanged(workspaceId: string, room: string): Promise<void>;
  close(): Promise<void>;
};

/** Signals on the in-process bus (lib/realtime/publish.ts `localBus()`). */
export const busEvents = {
  message: "message",
  presence: "presence",
  /** Messages may have been missed (the LISTEN connection dropped): clients refetch everything. */
  resync: "resync",
} as const;

export type PresenceSignal = { workspaceId: string; room: string };
