import { getDb } from "@/db";
import { env } from "@/env";
import { registerJob } from "@/lib/scheduler/scheduler";
import { AGENT_JOB, runAgentJobs } from "./jobs";

/**
 * The agent's job on the in-process scheduler, at the simulation's tick rate (verification reads
 * what the ticks write): expiry, verification, stalled executions. With SIM_TICK_MS=0 it is left
 * to `/api/cron/agent`, like the ticks are to `/api/cron/tick`.
 */
export function onServerStart(): void {
  const everyMs = env().SIM_TICK_MS;
  if (everyMs <= 0) return;
  registerJob({
    name: AGENT_JOB,
    everyMs: Math.max(1_000, everyMs),
    run: async () => {
      await runAgentJobs(await getDb());
    },
  });
}
