import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { queryRows, type Database } from "@/db/client";
import { uuidv7 } from "@/lib/uuidv7";
import { bumpIncidentsEvents, EVENTS_JSON_BYTES, eventsJson, insertEvents, lockWindows, type NormalizedEvent } from "./write-path";

const OTHER_INCIDENTS = 5_000;
const OTHER_WINDOWS = 20_000;

let t: TestDatabase;
let workspaceId: string;
let counted: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await insertWorkspace(t.db, { slug: "acme", name: "Acme" })).id;
  // A workspace with a long history: the incidents a flush counts events on are a few among many.
  const rows = await queryRows<{ id: string }>(
    t.db,
    sql`
      insert into incidents (workspace_id, number, title, service)
      select ${workspaceId}::uuid, g, 'Incident ' || g, 'svc-' || (g % 50) from generate_series(1, ${OTHER_INCIDENTS}) g
      returning id`,
  );
  counted = rows.slice(0, 3).map((r) => r.id);
  // A day of PagerDuty triggers without dedup keys: one window row each.
  await t.db.execute(sql`
    insert into intake_windows (workspace_id, key) select ${workspaceId}::uuid, 'pd:' || md5(g::text) from generate_series(1, ${OTHER_WINDOWS}) g`);
});

afterAll(async () => {
  await t?.drop();
});

/** Index entries and heap rows of `table` this transaction has read so far. */
async function rowsRead(tx: Database, table: "incidents" | "intake_windows"): Promise<number> {
  const [r] = await queryRows<{ n: number | string }>(
    tx,
    sql`select pg_stat_get_xact_tuples_returned(${table}::regclass) + pg_stat_get_xact_tuples_fetched(${table}::regclass) as n`,
  );
  return Number(r.n);
}

describe("threshold windows", () => {
  it("locks the windows of a 50-service batch by their keys, reading only those among 20,000 others", async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `svc:checkout-${i}`);
    // Twice: first the rows are created, then (the steady state) found and locked.
    for (let round = 0; round < 2; round++) {
      const { windows, read } = await t.db.transaction(async (tx) => {
        const { windows } = await lockWindows(tx, workspaceId, keys);
        return { windows, read: await rowsRead(tx, "intake_windows") };
      });
      expect(windows.size).toBe(50);
      expect(read).toBeLessThan(200);
    }
  });
});

describe("counting attached events on incidents", () => {
  it("raises the counts and event times of the incidents named, reading only those among 5,000", async () => {
    const first = new Date("2026-12-01T10:00:00Z");
    const last = new Date("2026-12-01T10:05:00Z");
    const { counts, read } = await t.db.transaction(async (tx) => {
      const counts = await bumpIncidentsEvents(
        tx,
        workspaceId,
        counted.map((incidentId, i) => ({ incidentId, count: i + 1, first, last, urls: ["https://runbooks.example.com/a"] })),
      );
      return { counts, read: await rowsRead(tx, "incidents") };
    });
    expect(counted.map((id) => counts.get(id))).toEqual([1, 2, 3]);
    expect(read).toBeLessThan(50);
    const rows = await queryRows<{ id: string; first_event_at: string | Date; metadata: unknown }>(
      t.db,
      sql`select id, first_event_at, metadata from incidents where id in (${sql.join(counted.map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
    for (const r of rows) {
      expect(new Date(r.first_event_at).toISOString()).toBe(first.toISOString());
      const metadata = typeof r.metadata === "string" ? JSON.parse(r.metadata) : r.metadata;
      expect(metadata).toMatchObject({ runbook_urls: ["https://runbooks.example.com/a"] });
    }
  });
});

describe("writing events", () => {
  const row = (i: number): NormalizedEvent => ({
    id: uuidv7(),
    service: "svc-docs",
    level: i % 2 ? "ERROR" : "INFO",
    message: `event ${i}: ${"x".repeat(900)} "quoted" ünïcode`,
    timestamp: new Date(Date.UTC(2026, 11, 1, 10, 0, 0, i)),
    fingerprint: null,
    dedupKey: i === 7 ? "dk-7" : null,
    attributes: { i },
    source: "generic",
    raw: i % 3 ? null : { sent: i },
    incidentId: null,
  });

  it("cuts the rows into JSON documents near the size limit, each one row past it at most", () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i));
    const docs = eventsJson(rows);
    expect(docs.length).toBeGreaterThan(2);
    for (const doc of docs) expect(doc.length).toBeLessThan(EVENTS_JSON_BYTES + 2_000);
    expect(docs.flatMap((d) => JSON.parse(d) as { id: string }[]).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(eventsJson([])).toEqual(["[]"]);
  });

  it("writes every row of a batch that spans several documents, in one statement, as sent", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i));
    await insertEvents(t.db, workspaceId, rows);
    const stored = await queryRows<{ id: string; message: string; dedup_key: string | null; raw: unknown; occurred_at: string | Date }>(
      t.db,
      sql`select id, message, dedup_key, raw, occurred_at from events where workspace_id = ${workspaceId}::uuid and service = 'svc-docs' order by occurred_at`,
    );
    expect(stored.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(stored[7]).toMatchObject({ message: rows[7].message, dedup_key: "dk-7" });
    const raw = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    expect(raw(stored[3].raw)).toEqual({ sent: 3 });
    expect(stored[1].raw).toBeNull();
    expect(new Date(stored[299].occurred_at).toISOString()).toBe(rows[299].timestamp.toISOString());
  });
});
