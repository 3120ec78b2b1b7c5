import { logger } from "@/lib/logger";
import { processState } from "@/lib/process-state";

const log = logger("scheduler");

export type Job = {
  name: string;
  /** How often to run, in milliseconds. */
  everyMs: number;
  run: () => Promise<void>;
};

type Registry = { jobs: Map<string, { job: Job; timer?: NodeJS.Timeout; running: boolean }>; started: boolean };


function registry(): Registry {
  return processState<Registry>("scheduler", () => ({ jobs: new Map(), started: false }));
}

/**
 * The in-process scheduler (the embedded default; external cron calls /api/cron/* instead).
 * A job never overlaps itself in one process; cross-instance exclusion is the job's advisory lock.
 */
export function registerJob(job: Job): void {
  const reg = registry();
  const existing = reg.jobs.get(job.name);
  if (existing?.timer) clearInterval(existing.timer);
  const entry: { job: Job; timer?: NodeJS.Timeout; running: boolean } = { job, running: false };
  reg.jobs.set(job.name, entry);
  if (reg.started) schedule(entry);
}

function schedule(entry: { job: Job; timer?: NodeJS.Timeout; running: boolean }): void {
  entry.timer = setInterval(async () => {
    if (entry.running) return;
    entry.running = true;
    try {
      await entry.job.run();
    } catch (err) {
      log.error({ err, job: entry.job.name }, "scheduled job failed");
    } finally {
      entry.running = false;
    }
  }, entry.job.everyMs);
  entry.timer.unref?.();
}

export function startScheduler(): void {
  const reg = registry();
  if (reg.started) return;
  reg.started = true;
  for (const entry of reg.jobs.values()) schedule(entry);
  log.info({ jobs: [...reg.jobs.keys()] }, "in-process scheduler started");
}

export function stopScheduler(): void {
  const reg = registry();
  for (const entry of reg.jobs.values()) if (entry.timer) clearInterval(entry.timer);
  reg.started = false;
}
