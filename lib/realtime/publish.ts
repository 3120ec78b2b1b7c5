import { EventEmitter } from "node:events";
import type { Actor } from "@/lib/auth/actor";
import type { RealtimeEvent, RealtimeMessage } from "./events";

type Driver = { publish: (message: RealtimeMessage) => Promise<void> | void };

const globalForBus = globalThis as unknown as { __firedrillBus?: EventEmitter; __firedrillDriver?: Driver };

/** In-process fan-out; the realtime drivers forward from it (and into it, from other instances). */
export function localBus(): EventEmitter {
  if (!globalForBus.__firedrillBus) {
    globalForBus.__firedrillBus = new EventEmitter();
    globalForBus.__firedrillBus.setMaxListeners(0);
  }
  return globalForBus.__firedrillBus;
}

/** Installs the driver that carries messages beyond this process (Pusher, or LISTEN/NOTIFY). */
export function setRealtimeDriver(driver: Driver | undefined): void {
  globalForBus.__firedrillDriver = driver;
}

/**
 * Publishes after commit. Never throws: a realtime hiccup must not fail a write that already committed.
 */
export async function publish(actor: Pick<Actor, "workspaceId" | "kind" | "id">, event: RealtimeEvent): Promise<void> {
  const message: RealtimeMessage = {
    ...event,
    workspaceId: actor.workspaceId,
    origin: { kind: actor.kind, id: actor.id },
    at: new Date().toISOString(),
  };
  try {
    const driver = globalForBus.__firedrillDriver;
    if (driver) await driver.publish(message);
    else localBus().emit("message", message);
  } catch {
    // Delivery is best effort; clients refetch on reconnect.
  }
}
