import { getDb } from "@/db";
import { registerJob } from "@/lib/scheduler/scheduler";
import { SLA_JOB, watchSla } from "./watch";

/** Every 30 s the in-process scheduler looks at the open incidents' SLA clocks (`/api/cron/sla` does it elsewhere). */
export function onServerStart(): void {
  registerJob({
    name: SLA_JOB,
    everyMs: 30_000,
    run: async () => {
      await watchSla(await getDb());
    },
  });
}
