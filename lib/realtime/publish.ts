import { EventEmitter } from "node:events";
import type { Actor } from "@/lib/auth/shared";
import { logger } from "@/lib/logger";
import type { RealtimeDriver } from "./driver";
import type { RealtimeEvent, RealtimeMessage } from "./events";
import { processSlot, processState } from "@/lib/process-state";

const log = logger("realtime");

type Driver = Pick<RealtimeDriver, "publish"> & Partial<RealtimeDriver>;

const installedDriver = processSlot<Driver>("realtime-driver");

/** In-process fan-out; the realtime drivers forward from it (and into it, from other instances). */
export function localBus(): EventEmitter {
  return processState("realtime-bus", () => {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    return bus;
  });
}

/** Installs the driver that carries messages beyond this process (Pusher, or LISTEN/NOTIFY). */
export function setRealtimeDriver(driver: Driver | undefined): void {
  installedDriver.current = driver;
}

/** The installed driver (undefined: messages stay on the in-process bus). */
export function getRealtimeDriver(): Driver | undefined {
  return installedDriver.current;
}

/** The message a driver carries for `event`, stamped with its workspace and origin. */
export function toMessage(actor: Pick<Actor, "workspaceId" | "kind" | "id">, event: RealtimeEvent): RealtimeMessage {
  return {
    ...event,
    workspaceId: actor.workspaceId,
    origin: { kind: actor.kind, id: actor.id },
    at: new Date().toISOString(),
  };
}

/**
 * Publishes after commit. Never throws: a realtime hiccup must not fail a write that already committed.
 */
export async function publish(actor: Pick<Actor, "workspaceId" | "kind" | "id">, event: RealtimeEvent): Promise<void> {
  const message = toMessage(actor, event);
  try {
    const driver = installedDriver.current;
    if (driver) await driver.publish(message);
    else localBus().emit("message", message);
  } catch (e) {
    // Delivery is best effort; clients refetch on reconnect.
    log.warn({ err: e, type: message.type }, "realtime publish failed");
  }
}

/**
 * Publishes what one commit produced, all at once (drivers batch messages sent together). Of several
 * event-count updates for one incident only the last goes out: it carries the final count.
 */
export async function publishAll(actor: Pick<Actor, "workspaceId" | "kind" | "id">, events: RealtimeEvent[]): Promise<void> {
  const lastCount = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === "incident.events") lastCount.set(e.incidentId, i);
  });
  await Promise.all(events.filter((e, i) => e.type !== "incident.events" || lastCount.get(e.incidentId) === i).map((e) => publish(actor, e)));
}
