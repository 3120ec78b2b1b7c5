import { getDb } from "@/db";
import { env } from "@/env";
import { NOTIFY_JOB } from "@/lib/notifications";
import { registerJob } from "@/lib/scheduler/scheduler";
import { ESCALATE_JOB, runEscalateJob, runNotifyJob } from "./jobs";

/**
 * The escalation engine and the delivery queue on the in-process scheduler, every ONCALL_TICK_MS
 * (0: left to `/api/cron/escalate` and `/api/cron/notify`). Both are safe to run on several
 * instances at once: each step and each delivery is claimed under a row lock.
 */
export function onServerStart(): void {
  const everyMs = env().ONCALL_TICK_MS;
  if (everyMs <= 0) return;
  registerJob({ name: ESCALATE_JOB, everyMs: Math.max(1_000, everyMs), run: async () => void (await runEscalateJob(await getDb())) });
  registerJob({ name: NOTIFY_JOB, everyMs: Math.max(1_000, everyMs), run: async () => void (await runNotifyJob(await getDb())) });
}
