import { getDatabase } from "@/db";
import { logger } from "@/lib/logger";

const log = logger("server");

/**
 * Start-up work of one app instance. Later issues register their background pieces here
 * (the in-process scheduler, realtime listeners).
 */
export async function startServer(): Promise<void> {
  const { kind } = await getDatabase();
  log.info({ database: kind }, "database ready");
}
