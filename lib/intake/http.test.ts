import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createWorkspaceRow } from "@/db/seed";
import { deadLetters, events } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { resetEnvCache } from "@/lib/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { intakeHandler } from "./http";
import { listDeadLetters, recordDeadLetter, replayDeadLetter } from "./dead-letters";
import type { IntakeEndpoint } from "./process";

let t: TestDatabase;
let ingestKey: string;
let readKey: string;
let admin: Actor;
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await createWorkspaceRow(t.db, { slug: "acme", name: "Acme" });
  admin = { kind: "user", id: "u-admin", name: "Ada", workspaceId: ws.id, role: "admin" };
  ingestKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "monitoring", scopes: ["ingest"] })).key;
  readKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "reader", scopes: ["read"] })).key;
});

afterAll(async () => {
  delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await t?.drop();
});

beforeEach(() => {
  sharedLimiter("intake", 6_000, 60_000).reset();
});

function post(endpoint: IntakeEndpoint, body: string, headers: Record<string, string> = {}, key: string | null = ingestKey) {
  const request = new Request(`http://127.0.0.1/api/v1/${endpoint === "events" ? "events" : `integrations/${endpoint}`}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
  });
  return intakeHandler(endpoint, async () => t.db)(request);
}
const deadLetterCount = async () => (await t.db.select().from(deadLetters)).length;

describe("POST /api/v1/events", () => {
  it("answers 202 with what was accepted", async () => {
    const res = await post("events", JSON.stringify({ service: "web", level: "warn", message: "slow" }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, incidents: [] });
  });

  it("answers 401 without a key and 403 for a key without the ingest scope, keeping nothing", async () => {
    const before = await deadLetterCount();
    expect((await post("events", "{}", {}, null)).status).toBe(401);
    expect((await post("events", "{}", {}, readKey)).status).toBe(403);
    expect(await deadLetterCount()).toBe(before);
  });

  it("rejects a batch with one bad event: 422 listing index and field, nothing written, body dead-lettered", async () => {
    const before = (await t.db.select().from(events)).length;
    const body = JSON.stringify([
      { service: "web", level: "error", message: "ok" },
      { service: "web", level: "bogus", message: "bad level" },
    ]);
    const res = await post("events", body);
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.errors).toEqual([{ index: 1, field: "level", message: expect.stringContaining("is not a level") }]);
    expect((await t.db.select().from(events)).length).toBe(before);
    const page = await listDeadLetters(t.db, admin);
    expect(page.items[0]).toMatchObject({ source: "events", status: 422 });
    expect(page.items[0].preview).toBe(body);
  });

  it("answers 400 for malformed JSON and 413 above 1 MiB", async () => {
    expect((await post("events", "{not json")).status).toBe(400);
    const big = JSON.stringify({ service: "web", level: "info", message: "x".repeat(1024 * 1024) });
    const res = await post("events", big);
    expect(res.status).toBe(413);
  });

  it("answers 429 with Retry-After past the per-key limit", async () => {
    process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "5";
    resetEnvCache();
    try {
      const batch = (n: number) => JSON.stringify(Array.from({ length: n }, () => ({ service: "limited", level: "info", message: "m" })));
      expect((await post("events", batch(4))).status).toBe(202);
      const res = await post("events", batch(2));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const pd = await post("pagerduty", JSON.stringify({ event_action: "resolve", dedup_key: "x" }));
      expect((await post("pagerduty", JSON.stringify({ event_action: "resolve", dedup_key: "x" }))).status).toBe(429);
      expect(pd.status).toBe(202);
      // Alertmanager and Grafana drop alerts refused with 429, so they get 503 (which they retry).
      const am = await post("alertmanager", fixture("alertmanager-firing.json"));
      expect(am.status).toBe(503);
      expect(am.headers.get("retry-after")).toBeTruthy();
      expect((await post("grafana", fixture("grafana-firing.json"))).status).toBe(503);
    } finally {
      delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
      resetEnvCache();
    }
  });

  it("counts a request retried with the same Idempotency-Key once", async () => {
    const body = JSON.stringify([{ service: "idem-http", level: "error", message: "x" }]);
    const a = await post("events", body, { "idempotency-key": "req-77" });
    const b = await post("events", body, { "idempotency-key": "req-77" });
    expect(await b.json()).toEqual(await a.json());
    expect((await t.db.select().from(events).where(eq(events.service, "idem-http"))).length).toBe(1);
  });
});

describe("integration endpoints", () => {
  it("never answers 5xx for bad Alertmanager input: 422 for an unknown shape, 400 for bad JSON", async () => {
    expect((await post("alertmanager", JSON.stringify({ receiver: "x" }))).status).toBe(422);
    expect((await post("alertmanager", "{")).status).toBe(400);
    expect((await post("grafana", JSON.stringify([1, 2]))).status).toBe(422);
  });

  it("answers PagerDuty's 202 shape, and takes our key from routing_key when no header is sent", async () => {
    const body = JSON.parse(fixture("pagerduty-trigger.json"));
    body.routing_key = ingestKey;
    body.dedup_key = "http-pd-1";
    const res = await post("pagerduty", JSON.stringify(body), {}, null);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "success", message: "Event processed", dedup_key: "http-pd-1" });
  });

  it("answers a 400 naming the PagerDuty field", async () => {
    const body = JSON.parse(fixture("pagerduty-trigger.json"));
    body.payload.severity = "SEV1";
    const res = await post("pagerduty", JSON.stringify(body));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.status).toBe("invalid event");
    expect(json.errors[0]).toMatch(/^payload\.severity/);
  });

  it("answers Alertmanager with 202 and the incident it opened", async () => {
    const res = await post("alertmanager", fixture("alertmanager-firing.json"));
    expect(res.status).toBe(202);
    const json = await res.json();
    expect(json).toMatchObject({ status: "success", accepted: 2, incident: { status: "created", key: expect.stringMatching(/^INC-\d+$/) } });
  });
});

describe("dead letters", () => {
  it("keeps only the newest entries per workspace", async () => {
    const ws = await createWorkspaceRow(t.db, { slug: "dl", name: "DL" });
    for (let i = 0; i < 5; i++) await recordDeadLetter(t.db, ws.id, { source: "events", status: 400, reason: `r${i}`, body: `b${i}` }, { count: 3 });
    const rows = await t.db.select().from(deadLetters).where(eq(deadLetters.workspaceId, ws.id));
    expect(rows.map((r) => r.body).sort()).toEqual(["b2", "b3", "b4"]);
  });

  it("replays a stored body once it is acceptable, and records a second failure otherwise", async () => {
    await recordDeadLetter(t.db, admin.workspaceId, {
      source: "events",
      status: 422,
      reason: "was rejected",
      body: JSON.stringify({ service: "replayed", level: "error", message: "now fine" }),
    });
    const good = (await listDeadLetters(t.db, admin)).items[0];
    const r = await replayDeadLetter(t.db, admin, good.id);
    expect(r.ok && r.data).toMatchObject({ replayed: true, status: 202 });
    expect((await t.db.select().from(events).where(eq(events.service, "replayed"))).length).toBe(1);
    const twice = await replayDeadLetter(t.db, admin, good.id);
    expect(twice.ok === false && twice.code).toBe("conflict:dead_letter");

    await recordDeadLetter(t.db, admin.workspaceId, { source: "events", status: 400, reason: "bad json", body: "{oops" });
    const bad = (await listDeadLetters(t.db, admin)).items[0];
    const r2 = await replayDeadLetter(t.db, admin, bad.id);
    expect(r2.ok && r2.data).toMatchObject({ replayed: false, status: 400 });
  });

  it("is for admins only", async () => {
    const responder: Actor = { ...admin, role: "responder" };
    await expect(listDeadLetters(t.db, responder)).rejects.toThrow(/role/);
  });
});
