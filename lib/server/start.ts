import { getDatabase } from "@/db";
import { logger } from "@/lib/logger";
import { startScheduler } from "@/lib/scheduler/scheduler";

const log = logger("server");

/**
 * Start-up work of one app instance: open (migrate, seed) the database, then let each feature
 * register its background pieces (scheduled jobs, realtime listeners) before the scheduler starts.
 * Each feature adds one `await import("…").then((m) => m.register…())` line below.
 */
export async function startServer(): Promise<void> {
  const { kind } = await getDatabase();
  log.info({ database: kind }, "database ready");
  await import("@/lib/realtime/install").then((m) => m.registerRealtime());
  await import("@/lib/auth/startup").then((m) => m.registerAuth());
  await import("@/lib/intake/startup").then((m) => m.registerIntake());
  await import("@/lib/simulation/register").then((m) => m.registerSimulation());
  startScheduler();
}
