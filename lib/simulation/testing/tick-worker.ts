/**
 * One "app instance" for the two-process lock test: connects to PostgreSQL, waits for a shared
 * start time, runs one tick and prints whether it held the lock.
 * Usage: tsx lib/simulation/testing/tick-worker.ts <database-url> <tick-now-ms> <start-at-ms>
 */
import { openPostgres } from "@/db/client";
import { tickSimulations } from "../tick";

async function main() {
  const [url, nowMs, startAt] = process.argv.slice(2);
  const handle = await openPostgres(url, { max: 2 });
  try {
    await handle.db.execute("select 1" as never).catch(() => undefined);
    const wait = Number(startAt) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const report = await tickSimulations(handle.db, { now: new Date(Number(nowMs)) });
    process.stdout.write(JSON.stringify(report) + "\n");
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + "\n");
  process.exit(1);
});
