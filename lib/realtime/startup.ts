import { installRealtime } from "./install";

/** At start-up: install this instance's realtime driver before the first request. */
export async function onServerStart(): Promise<void> {
  await installRealtime();
}
