import { getDb } from "@/db";
import { registerJob } from "@/lib/scheduler/scheduler";
import { GENERATOR_JOB, GENERATOR_POLL_MS, runGenerator } from "./jobs";

/** The generator on the in-process scheduler (external cron calls `/api/cron/generate` instead). */
export function onServerStart(): void {
  registerJob({
    name: GENERATOR_JOB,
    everyMs: GENERATOR_POLL_MS,
    run: async () => {
      await runGenerator(await getDb());
    },
  });
}
