import { busEvents, type RealtimeDriver } from "../driver";
import { localBus } from "../publish";

/** The built-in driver on PGlite: one process, so the in-process bus is the whole fan-out. */
export function createLocalDriver(): RealtimeDriver {
  const bus = localBus();
  return {
    name: "local",
    async publish(message) {
      bus.emit(busEvents.message, message);
    },
    async presenceChanged(workspaceId, room) {
      bus.emit(busEvents.presence, { workspaceId, room });
    },
    async close() {},
  };
}
