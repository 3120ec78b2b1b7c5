import { getDatabase } from "@/db";
import { logger } from "@/lib/logger";
import { startScheduler } from "@/lib/scheduler/scheduler";

const log = logger("server");

/**
 * Start-up work of one app instance (called by instrumentation.ts): open and migrate the database,
 * then run each feature's `onServerStart` (lib/<feature>/startup.ts: seed, scheduled jobs, realtime
 * driver) before the scheduler starts. A new feature with start-up work adds one line below.
 */
export async function startServer(): Promise<void> {
  const { kind } = await getDatabase();
  log.info({ database: kind }, "database ready");
  await import("@/lib/seed/startup").then((m) => m.onServerStart());
  await import("@/lib/realtime/startup").then((m) => m.onServerStart());
  await import("@/lib/auth/startup").then((m) => m.onServerStart());
  await import("@/lib/intake/startup").then((m) => m.onServerStart());
  await import("@/lib/simulation/startup").then((m) => m.onServerStart());
  await import("@/lib/agent/startup").then((m) => m.onServerStart());
  await import("@/lib/sla/startup").then((m) => m.onServerStart());
  await import("@/lib/oncall/startup").then((m) => m.onServerStart());
  await import("@/lib/generator/startup").then((m) => m.onServerStart());
  startScheduler();
}
