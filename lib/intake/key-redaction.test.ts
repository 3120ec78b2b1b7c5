import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { deadLetters, events } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { intakeHandler } from "@/lib/api/intake-handler";

// PagerDuty senders authenticate with our key in `routing_key`: the key must not be kept in plain
// text where viewers (event payloads) or admins (dead letters) can read it back.
let t: TestDatabase;
let key: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  workspaceId = ws.id;
  key = (await insertApiKey(t.db, systemActor(ws.id), { name: "pagerduty", scopes: ["ingest"] })).key;
});

afterAll(async () => {
  await t?.drop();
});

function postPagerDuty(body: unknown) {
  const request = new Request("http://127.0.0.1/api/v1/integrations/pagerduty", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return intakeHandler("pagerduty", async () => t.db)(request);
}

describe("API keys sent in a PagerDuty routing_key", () => {
  it("are not stored in the event's raw payload", async () => {
    const res = await postPagerDuty({
      routing_key: key,
      event_action: "trigger",
      dedup_key: "disk-1",
      payload: { summary: "Disk full", source: "db-1", severity: "critical" },
    });
    expect(res.status).toBe(202);
    const rows = await t.db.select({ raw: events.raw }).from(events).where(eq(events.workspaceId, workspaceId));
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows[0].raw)).not.toContain(key);
    expect(rows[0].raw).toMatchObject({ event_action: "trigger", dedup_key: "disk-1" });
  });

  it("are not stored in the dead letter of a rejected event", async () => {
    const res = await postPagerDuty({ routing_key: key, event_action: "explode" });
    expect(res.status).toBe(400);
    const rows = await t.db.select({ body: deadLetters.body }).from(deadLetters).where(eq(deadLetters.workspaceId, workspaceId));
    expect(rows.length).toBe(1);
    expect(rows[0].body).not.toContain(key);
    expect(JSON.parse(rows[0].body)).toMatchObject({ event_action: "explode" });
  });
});
