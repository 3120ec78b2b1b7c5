import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";

/** Stable 32-bit key for a job name, so every instance agrees on the lock. */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Runs `fn` only if no other instance is running the same job: a transaction-scoped advisory lock
 * taken with try-lock, so a busy instance skips the tick instead of queueing behind it.
 * Returns undefined when the lock was held elsewhere.
 */
export async function withJobLock<T>(db: Database, name: string, fn: (tx: Database) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${lockKey(name)}) as locked`);
    if (!row?.locked) return { ran: false as const };
    return { ran: true as const, value: await fn(tx) };
  });
}
