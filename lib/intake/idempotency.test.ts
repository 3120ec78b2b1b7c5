import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { queryRows, type Database } from "@/db/client";
import { claimBatch } from "./idempotency";

const EARLIER_CLAIMS = 20_000;

let t: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await insertWorkspace(t.db, { slug: "acme", name: "Acme" })).id;
  // A day of webhook retries' worth of claims in one workspace: what every flush must not read.
  await t.db.execute(sql`
    insert into idempotency_keys (workspace_id, scope, key, response)
    select ${workspaceId}::uuid, 'alertmanager:body', md5(g::text), '{"accepted": 1}'::jsonb from generate_series(1, ${EARLIER_CLAIMS}) g`);
});

afterAll(async () => {
  await t?.drop();
});

/** Index entries and heap rows of idempotency_keys this transaction has read so far. */
async function claimRowsRead(tx: Database): Promise<number> {
  const [r] = await queryRows<{ n: number | string }>(
    tx,
    sql`select pg_stat_get_xact_tuples_returned('idempotency_keys'::regclass) + pg_stat_get_xact_tuples_fetched('idempotency_keys'::regclass) as n`,
  );
  return Number(r.n);
}

describe("idempotency claims", () => {
  it("takes, answers and recognises claims by reading only their own keys among 20,000 others", async () => {
    const claims = [0, 1, 2].map((i) => [{ scope: "events", key: `retry-${i}` }]);
    const read = await t.db.transaction(async (tx) => {
      const batch = await claimBatch(tx, workspaceId, claims);
      expect(batch.stored.size).toBe(0);
      await batch.store((job) => ({ accepted: job + 1 }));
      return claimRowsRead(tx);
    });
    expect(read).toBeLessThan(50);

    // The same keys again, with one the workspace already held: answered from the stored responses.
    const again = await t.db.transaction(async (tx) => {
      const batch = await claimBatch(tx, workspaceId, [...claims, [{ scope: "alertmanager:body", key: "c4ca4238a0b923820dcc509a6f75849b" }]]);
      return { stored: [...batch.stored.entries()], read: await claimRowsRead(tx) };
    });
    expect(again.stored).toEqual([
      [0, { accepted: 1 }],
      [1, { accepted: 2 }],
      [2, { accepted: 3 }],
      [3, { accepted: 1 }],
    ]);
    expect(again.read).toBeLessThan(50);
  });

  it("counts a key sent twice in one batch once, answering the second with the first's response", async () => {
    const result = await t.db.transaction(async (tx) => {
      const batch = await claimBatch(tx, workspaceId, [[{ scope: "events", key: "twice" }], [{ scope: "events", key: "twice" }]]);
      await batch.store(() => ({ accepted: 7 }));
      return batch.repeatOf;
    });
    expect([...result.entries()]).toEqual([[1, 0]]);
    const later = await t.db.transaction((tx) => claimBatch(tx, workspaceId, [[{ scope: "events", key: "twice" }]]));
    expect(later.stored.get(0)).toEqual({ accepted: 7 });
  });
});
