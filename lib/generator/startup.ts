import { getDb } from "@/db";
import { env } from "@/env";
import { generatorSettings } from "@/db/schema";
import { logger } from "@/lib/logger";
import { registerJob } from "@/lib/scheduler/scheduler";
import { getDemoWorkspace } from "@/lib/workspaces";
import { nextDelayMs } from "./compose";
import { GENERATOR_JOB, GENERATOR_POLL_MS, runGenerator } from "./jobs";
import { DEMO_GENERATOR } from "./shared";

const log = logger("generator");

/**
 * The generator on the in-process scheduler (external cron calls `/api/cron/generate` instead), and
 * the public demo's generator switched on at a gentle rate the first time (a row that exists, on or
 * off, is left as it is).
 */
export async function onServerStart(): Promise<void> {
  registerJob({
    name: GENERATOR_JOB,
    everyMs: GENERATOR_POLL_MS,
    run: async () => {
      await runGenerator(await getDb());
    },
  });
  if (env().DEMO_GENERATOR !== "on") return;
  try {
    const db = await getDb();
    const demo = await getDemoWorkspace(db);
    if (!demo) return;
    await db
      .insert(generatorSettings)
      .values({ workspaceId: demo.id, enabled: true, ...DEMO_GENERATOR, nextRunAt: new Date(Date.now() + nextDelayMs(DEMO_GENERATOR.minIntervalSeconds, DEMO_GENERATOR.maxIntervalSeconds, 1)) })
      .onConflictDoNothing();
  } catch (err) {
    log.warn({ err }, "could not switch the demo's generator on");
  }
}
