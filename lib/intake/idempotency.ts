import { and, eq, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { idempotencyKeys } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";

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

export type Claim = { scope: string; key: string };
export type ClaimOutcome = { claimed: true } | { claimed: false; response: unknown };

export const claimId = (c: Claim) => `${c.scope}\u0000${c.key}`;

/**
 * Claims several (scope, key) pairs in one statement, as claimIdempotency does one. Returns the
 * outcome of each distinct claim by claimId; the caller passes each pair once.
 */
export async function claimIdempotencyMany(tx: Database, workspaceId: string, claims: Claim[]): Promise<Map<string, ClaimOutcome>> {
  const out = new Map<string, ClaimOutcome>();
  if (claims.length === 0) return out;
  const claimed = await queryRows<{ scope: string; key: string }>(
    tx,
    sql`
      insert into idempotency_keys (workspace_id, scope, key)
      select ${workspaceId}::uuid, c.scope, c.key from json_to_recordset(${JSON.stringify(claims)}::json) as c(scope text, key text)
      on conflict (workspace_id, scope, key) do update set created_at = now(), response = null
       where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      returning scope, key`,
  );
  for (const c of claimed) out.set(claimId(c), { claimed: true });
  const taken = claims.filter((c) => !out.has(claimId(c)));
  if (taken.length > 0) {
    const rows = await queryRows<{ scope: string; key: string; response: unknown }>(
      tx,
      sql`
        select k.scope, k.key, k.response from idempotency_keys k
          join json_to_recordset(${JSON.stringify(taken)}::json) as c(scope text, key text) on c.scope = k.scope and c.key = k.key
         where k.workspace_id = ${workspaceId}::uuid`,
    );
    // Raw queries may hand jsonb back as text (drizzle leaves parsing to its typed selects).
    for (const r of rows) out.set(claimId(r), { claimed: false, response: typeof r.response === "string" ? JSON.parse(r.response) : (r.response ?? null) });
    for (const c of taken) if (!out.has(claimId(c))) out.set(claimId(c), { claimed: false, response: null });
  }
  return out;
}

/** Stores the answers of several claims in one statement. */
export async function storeIdempotentResponses(tx: Database, workspaceId: string, entries: (Claim & { response: unknown })[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`
    update idempotency_keys k set response = v.response
      from json_to_recordset(${JSON.stringify(entries)}::json) as v(scope text, key text, response jsonb)
     where k.workspace_id = ${workspaceId}::uuid and k.scope = v.scope and k.key = v.key`);
}
