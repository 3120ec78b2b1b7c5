import Pusher from "pusher";
import { busEvents, type RealtimeDriver } from "../driver";
import { workspaceChannel } from "../events";
import { localBus } from "../publish";
import type { PusherServerConfig } from "./config";

/** The event name every message travels under on the workspace channel. */
export const PUSHER_EVENT = "message";

export function createPusherClient(config: PusherServerConfig): Pusher {
  return new Pusher({
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    cluster: config.cluster,
    useTLS: config.useTLS,
    ...(config.host ? { host: config.host } : {}),
    ...(config.port ? { port: config.port } : {}),
    timeout: 5_000,
  });
}

/**
 * Pusher Channels: the server triggers on the workspace's private channel after commit; browsers
 * subscribe with pusher-js. Presence uses Pusher presence channels, so presenceChanged has nothing to do.
 */
export function createPusherDriver(config: PusherServerConfig, client: Pusher = createPusherClient(config)): RealtimeDriver & { pusher: Pusher } {
  return {
    name: "pusher",
    pusher: client,
    async publish(message) {
      // Server-side listeners in this process (if any) hear it too.
      localBus().emit(busEvents.message, message);
      await client.trigger(workspaceChannel(message.workspaceId), PUSHER_EVENT, message);
    },
    async presenceChanged() {},
    async close() {},
  };
}
