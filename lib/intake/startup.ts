import { getDb } from "@/db";
import { registerJob } from "@/lib/scheduler/scheduler";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { purgeIdempotencyKeys } from "./idempotency";
import { purgeIdleWindows } from "./write-path";

/** Hourly, on one instance at a time: forgets idempotency claims past 24 h and idle window rows. */
export function onServerStart(): void {
  registerJob({
    name: "intake-purge-idempotency",
    everyMs: 60 * 60_000,
    run: async () => {
      const db = await getDb();
      await withJobLock(db, "intake-purge-idempotency", async (tx) => {
        await purgeIdempotencyKeys(tx);
        await purgeIdleWindows(tx);
      });
    },
  });
}
