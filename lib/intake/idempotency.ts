import { and, eq, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { idempotencyKeys } from "@/db/schema";
import type { Database } from "@/db/client";

export const IDEMPOTENCY_TTL_HOURS = 24;

export function bodyHash(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * Claims (scope, key) for this transaction. Returns `{ claimed: true }` the first time (or once the
 * earlier claim is older than 24 h) and the stored response otherwise. A concurrent claimant waits on
 * the unique key until the first commits, then sees its response — so a retry is counted once.
 */
export async function claimIdempotency(
  tx: Database,
  workspaceId: string,
  scope: string,
  key: string,
): Promise<{ claimed: true } | { claimed: false; response: unknown }> {
  const rows = await tx
    .insert(idempotencyKeys)
    .values({ workspaceId, scope, key })
    .onConflictDoUpdate({
      target: [idempotencyKeys.workspaceId, idempotencyKeys.scope, idempotencyKeys.key],
      set: { createdAt: sql`now()`, response: null },
      setWhere: sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
    })
    .returning({ key: idempotencyKeys.key });
  if (rows.length > 0) return { claimed: true };
  const [row] = await tx
    .select({ response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return { claimed: false, response: row?.response ?? null };
}

export async function storeIdempotentResponse(tx: Database, workspaceId: string, scope: string, key: string, response: unknown): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response })
    .where(and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Forgets claims older than the retention (run by the scheduler). */
export async function purgeIdempotencyKeys(db: Database): Promise<void> {
  await db.delete(idempotencyKeys).where(sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`);
}
