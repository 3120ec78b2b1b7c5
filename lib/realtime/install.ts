import { env } from "@/env";
import { logger } from "@/lib/logger";
import { createLocalDriver } from "./builtin/local-driver";
import type { RealtimeDriver } from "./driver";
import { pusherConfig } from "./pusher/config";
import { setRealtimeDriver } from "./publish";
import { processSlot } from "@/lib/process-state";

const log = logger("realtime");

const installing = processSlot<Promise<RealtimeDriver>>("realtime-install");

async function chooseDriver(): Promise<RealtimeDriver> {
  const e = env();
  const pusher = pusherConfig(e);
  if (pusher) {
    const { createPusherDriver } = await import("./pusher/pusher-driver");
    return createPusherDriver(pusher);
  }
  if (e.DATABASE_URL) {
    const { createNotifyDriver } = await import("./builtin/notify-driver");
    return createNotifyDriver(e.DATABASE_URL);
  }
  return createLocalDriver();
}

/**
 * Picks and installs this instance's driver, once: Pusher when PUSHER_* are set, LISTEN/NOTIFY on
 * PostgreSQL, the in-process bus on PGlite. Called at start-up and, idempotently, by the realtime routes.
 */
export function installRealtime(): Promise<RealtimeDriver> {
  if (!installing.current) {
    installing.current = chooseDriver()
      .then((driver) => {
        setRealtimeDriver(driver);
        log.info({ driver: driver.name }, "realtime driver installed");
        return driver;
      })
      .catch((e: unknown) => {
        installing.current = undefined;
        throw e;
      });
  }
  return installing.current;
}
