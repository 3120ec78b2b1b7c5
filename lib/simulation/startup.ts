import { getDb } from "@/db";
import { env } from "@/env";
import { registerJob } from "@/lib/scheduler/scheduler";
import { tickSimulations, TICK_JOB } from "./tick";

/** Ticks the simulated worlds in-process (every SIM_TICK_MS, 1 s by default; 0 leaves it to /api/cron/tick). */
export function onServerStart(): void {
  const everyMs = env().SIM_TICK_MS;
  if (everyMs <= 0) return;
  registerJob({
    name: TICK_JOB,
    everyMs,
    run: async () => {
      await tickSimulations(await getDb());
    },
  });
}
