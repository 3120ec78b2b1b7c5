import { sql } from "drizzle-orm";
import { hash } from "node:crypto";
import { idempotencyKeys } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import { AppError } from "@/lib/errors";

export const IDEMPOTENCY_TTL_HOURS = 24;

export function bodyHash(body: string): string {
  return hash("sha256", body, "hex");
}

/** Forgets claims older than the retention (run by the scheduler). */
export async function purgeIdempotencyKeys(db: Database): Promise<void> {
  await db.delete(idempotencyKeys).where(sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`);
}

/** A claim: its scope and key, and the hash of the body it was made for (Idempotency-Key claims). */
export type Claim = { scope: string; key: string; bodyHash?: string };
type ClaimOutcome = { claimed: true } | { claimed: false; response: unknown; bodyHash: string | null };

/** The 422 for an Idempotency-Key reused with another body (the new body is not silently dropped). */
export function idempotencyConflict(key: string): AppError {
  return new AppError(
    "unprocessable:idempotency_key",
    `The Idempotency-Key "${key}" was already used with a different body in the last ${IDEMPOTENCY_TTL_HOURS} h; nothing was written. Send a new key for a new request.`,
    { issues: [{ path: "Idempotency-Key", message: "was already used with a different body" }] },
  );
}

const claimId = (c: Claim) => `${c.scope}\u0000${c.key}`;

export type BatchClaims = {
  /** Jobs that named a claim an earlier job of the batch named: they answer what that job answers. */
  repeatOf: Map<number, number>;
  /** Jobs whose Idempotency-Key was used before (in this batch or earlier) with another body: the key. */
  conflicts: Map<number, string>;
  /** Jobs refused by a claim taken before this batch, with the response stored for it (null if none). */
  stored: Map<number, unknown>;
  /** Remembers each job's answer under the claims this batch took for it (one statement). */
  store: (answerOf: (job: number) => unknown) => Promise<void>;
};

/**
 * Takes the claims of a batch of jobs (each job's own list: its Idempotency-Key, a body hash…) in
 * one statement, for this transaction. A claim is taken the first time, or once the earlier one is
 * older than 24 h; a concurrent claimant waits on the unique key until the first commits, then sees
 * its response — so a retry is counted once, across requests, flushes and app instances.
 */
export async function claimBatch(tx: Database, workspaceId: string, claimLists: Claim[][]): Promise<BatchClaims> {
  const firstWith = new Map<string, { job: number; claim: Claim }>();
  const repeatOf = new Map<number, number>();
  const conflicts = new Map<number, string>();
  const distinct: Claim[] = [];
  claimLists.forEach((claims, job) => {
    for (const c of claims) {
      const first = firstWith.get(claimId(c));
      if (first && c.bodyHash && first.claim.bodyHash && c.bodyHash !== first.claim.bodyHash) {
        conflicts.set(job, c.key);
        return;
      }
    }
    const earlier = claims.map((c) => firstWith.get(claimId(c))?.job).find((x) => x !== undefined);
    if (earlier !== undefined) {
      repeatOf.set(job, earlier);
      return;
    }
    for (const c of claims) {
      if (firstWith.has(claimId(c))) continue;
      firstWith.set(claimId(c), { job, claim: c });
      distinct.push(c);
    }
  });
  const outcomes = await claimMany(tx, workspaceId, distinct);
  const stored = new Map<number, unknown>();
  claimLists.forEach((claims, job) => {
    if (repeatOf.has(job) || conflicts.has(job)) return;
    for (const c of claims) {
      const o = outcomes.get(claimId(c))!;
      if (!o.claimed && c.bodyHash && o.bodyHash && o.bodyHash !== c.bodyHash) {
        conflicts.set(job, c.key);
        return;
      }
    }
    const refused = claims.map((c) => outcomes.get(claimId(c))!).find((o) => !o.claimed);
    if (refused && !refused.claimed) stored.set(job, refused.response);
  });
  return {
    repeatOf,
    conflicts,
    stored,
    store: (answerOf) =>
      storeResponses(
        tx,
        workspaceId,
        claimLists.flatMap((claims, job) =>
          repeatOf.has(job) || conflicts.has(job) ? [] : claims.filter((c) => outcomes.get(claimId(c))!.claimed).map((c) => ({ ...c, response: answerOf(job) })),
        ),
      ),
  };
}

async function claimMany(tx: Database, workspaceId: string, claims: Claim[]): Promise<Map<string, ClaimOutcome>> {
  const out = new Map<string, ClaimOutcome>();
  if (claims.length === 0) return out;
  const claimed = await queryRows<{ scope: string; key: string }>(
    tx,
    sql`
      insert into idempotency_keys (workspace_id, scope, key, body_hash)
      select ${workspaceId}::uuid, c.scope, c.key, c.body_hash
        from json_to_recordset(${JSON.stringify(claims.map((c) => ({ scope: c.scope, key: c.key, body_hash: c.bodyHash ?? null })))}::json)
          as c(scope text, key text, body_hash text)
      on conflict (workspace_id, scope, key) do update set created_at = now(), response = null, body_hash = excluded.body_hash
       where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      returning scope, key`,
  );
  for (const c of claimed) out.set(claimId(c), { claimed: true });
  const taken = claims.filter((c) => !out.has(claimId(c)));
  if (taken.length > 0) {
    const rows = await queryRows<{ scope: string; key: string; response: unknown; body_hash: string | null }>(
      tx,
      sql`
        select k.scope, k.key, k.response, k.body_hash from idempotency_keys k
          join json_to_recordset(${JSON.stringify(taken)}::json) as c(scope text, key text) on c.scope = k.scope and c.key = k.key
         where k.workspace_id = ${workspaceId}::uuid and ${claimKeysMatch(taken)}`,
    );
    // Raw queries may hand jsonb back as text (drizzle leaves parsing to its typed selects).
    for (const r of rows) {
      out.set(claimId(r), { claimed: false, response: typeof r.response === "string" ? JSON.parse(r.response) : (r.response ?? null), bodyHash: r.body_hash });
    }
    for (const c of taken) if (!out.has(claimId(c))) out.set(claimId(c), { claimed: false, response: null, bodyHash: null });
  }
  return out;
}

async function storeResponses(tx: Database, workspaceId: string, entries: (Claim & { response: unknown })[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`
    update idempotency_keys k set response = v.response
      from json_to_recordset(${JSON.stringify(entries)}::json) as v(scope text, key text, response jsonb)
     where k.workspace_id = ${workspaceId}::uuid and ${claimKeysMatch(entries)} and k.scope = v.scope and k.key = v.key`);
}

/**
 * The claims' keys as a condition on `k` (the primary key's leading column). Joined only to the
 * JSON recordset, which the planner guesses at 100 rows whatever it holds, the table side would be
 * read as "every key of the workspace" and hashed: a cost growing with the table.
 */
function claimKeysMatch(claims: Claim[]) {
  return sql`k.key in (${sql.join([...new Set(claims.map((c) => c.key))].map((key) => sql`${key}`), sql`, `)})`;
}
