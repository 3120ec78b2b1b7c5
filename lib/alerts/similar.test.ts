import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { queryRows } from "@/db/client";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { INCIDENT_DOCUMENT, similarIncidents } from "./similar";

let t: TestDatabase;
let person: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "similar", name: "Similar" });
  person = { kind: "user", id: "u-1", name: "Ada", workspaceId: ws.id, role: "admin" };
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

async function incident(title: string, service: string, description: string, resolve = true) {
  const r = await createIncident(t.db, person, { title, service, description, severity: "P2" });
  if (!r.ok) throw new Error(r.error);
  if (resolve) {
    const c = await changeIncidentStatus(t.db, person, r.data.id, { status: "resolved" });
    if (!c.ok) throw new Error(c.error);
  }
  return r.data;
}

describe("similar incidents", () => {
  it("rank a past incident of the same service first, then text similarity, and leave out unrelated and open ones", async () => {
    const pool = await incident("Database connection pool exhausted", "orders-db", "Connections maxed out at 100, queries timing out");
    const cache = await incident("Redis cache evictions spike", "cache", "Memory pressure evicts hot keys");
    const textual = await incident("Connection pool exhausted on payments", "payments", "The payments service ran out of database connections");
    const openOne = await incident("Connection pool exhausted again", "inventory", "pool exhausted", false);
    const current = await incident("Orders database: connection pool exhausted", "orders-db", "Too many connections; pool exhausted", false);
    const similar = await similarIncidents(t.db, person, current.id);
    expect(similar.map((s) => s.id).slice(0, 2)).toEqual([pool.id, textual.id]);
    expect(similar[0].reasons).toEqual(["service", "text"]);
    expect(similar[1].reasons).toEqual(["text"]);
    expect(similar.map((s) => s.id)).not.toContain(cache.id);
    expect(similar.map((s) => s.id)).not.toContain(openOne.id);
  });

  it("find candidates by text through the GIN index, not a scan", async () => {
    // Enough unrelated incidents that reading the workspace's rows would cost more than the index.
    await t.db.execute(sql`
      insert into incidents (workspace_id, number, title, service, description, status)
      select ${person.workspaceId}::uuid, 1000 + g, 'Disk usage warning ' || g, 'svc-' || (g % 50), 'Volume filling up on node ' || g, 'resolved'
        from generate_series(1, 3000) as g`);
    await t.db.execute(sql`analyze incidents`);
    await t.db.execute(sql`set enable_seqscan = off`);
    try {
      const plan = (
        await queryRows<{ "QUERY PLAN": string }>(
          t.db,
          sql`explain select i.id from incidents i where i.workspace_id = ${person.workspaceId}::uuid and ${INCIDENT_DOCUMENT} @@ to_tsquery('english', 'pool | exhausted')`,
        )
      )
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      expect(plan).toContain("incidents_search_idx");
    } finally {
      await t.db.execute(sql`set enable_seqscan = on`);
    }
  });

  it("answer 404 for an unknown incident", async () => {
    await expect(similarIncidents(t.db, person, "00000000-0000-0000-0000-000000000000")).rejects.toThrow(/not found/i);
  });
});
