import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { manualClock, stopSimulation } from "@/lib/simulation";
import { drillUntilIncident, tickFor, workspaceWithTeam } from "./testing/drill";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as incidentPlansRoute from "@/app/api/v1/incidents/[id]/agent/plans/route";
import * as plansRoute from "@/app/api/v1/agent/plans/route";
import * as planRoute from "@/app/api/v1/agent/plans/[id]/route";
import * as approveRoute from "@/app/api/v1/agent/plans/[id]/approve/route";
import * as rejectRoute from "@/app/api/v1/agent/plans/[id]/reject/route";
import * as rollbackRoute from "@/app/api/v1/agent/plans/[id]/rollback/route";
import * as catalogRoute from "@/app/api/v1/agent/catalog/route";
import * as cronRoute from "@/app/api/cron/agent/route";
import * as settingsRoute from "@/app/api/v1/agent/settings/route";

let t: TestDatabase;
let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
let readKey: string;
let writeKey: string;
let adminKey: string;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  team = await workspaceWithTeam(t.db, "agent-api");
  const system = systemActor(team.workspace.id);
  readKey = (await insertApiKey(t.db, system, { name: "reader", scopes: ["read"] })).key;
  adminKey = (await insertApiKey(t.db, system, { name: "admin", scopes: ["admin"] })).key;
  writeKey = (await insertApiKey(t.db, system, { name: "writer", scopes: ["write"] })).key;
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

const req = (path: string, init: { method?: string; key?: string; body?: unknown } = {}) =>
  new Request(`http://test/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

describe("the agent's REST API", () => {
  it("plans (201), reads, lists the inbox, refuses read keys, approves once (then 409), and reports outputs and checks", async () => {
    // The routes read the real clock: the drill runs on it too.
    const { incident, run, clock } = await drillUntilIncident(t.db, team.admin, "payment_failure", { seed: 31, speed: 30, clock: manualClock(Date.now()) });
    expect((await incidentPlansRoute.POST(req(`/incidents/${incident.id}/agent/plans`, { method: "POST" }), ctx({ id: incident.id }))).status).toBe(401);
    expect((await incidentPlansRoute.POST(req(`/incidents/${incident.id}/agent/plans`, { method: "POST", key: readKey }), ctx({ id: incident.id }))).status).toBe(403);
    const bad = await incidentPlansRoute.POST(req(`/incidents/${incident.id}/agent/plans`, { method: "POST", key: writeKey, body: { action: "rm -rf /" } }), ctx({ id: incident.id }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues[0].path).toBe("action");

    const created = await incidentPlansRoute.POST(req(`/incidents/${incident.id}/agent/plans`, { method: "POST", key: writeKey }), ctx({ id: incident.id }));
    expect(created.status).toBe(201);
    const plan = await created.json();
    expect(plan).toMatchObject({ incident_id: incident.id, status: "awaiting_approval", dropped: [] });
    expect(plan.steps[0]).toMatchObject({ action: "toggle_feature_flag", target: "payment", reversible: true, rollback: { action: "toggle_feature_flag" } });
    expect(Array.isArray(plan.steps[0].blast_radius)).toBe(true);
    expect(plan.steps[0].risk).toMatchObject({ level: expect.any(String), score: expect.any(Number) });
    expect(plan.what_if.length).toBeGreaterThan(1);

    const inbox = await (await plansRoute.GET(req("/agent/plans?status=awaiting_approval", { key: readKey }))).json();
    expect(inbox.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect((await plansRoute.GET(req("/agent/plans?status=bogus", { key: readKey }))).status).toBe(422);
    expect((await approveRoute.POST(req(`/agent/plans/${plan.id}/approve`, { method: "POST", key: readKey }), ctx({ id: plan.id }))).status).toBe(403);

    const approved = await approveRoute.POST(req(`/agent/plans/${plan.id}/approve`, { method: "POST", key: writeKey, body: { comment: "flag off" } }), ctx({ id: plan.id }));
    expect(approved.status).toBe(200);
    const executed = await approved.json();
    expect(executed).toMatchObject({ status: "verifying", decided_by: { kind: "api_key", name: expect.stringContaining("writer") }, decision_comment: "flag off" });
    expect(executed.steps[0].output).toMatch(/ended 1 active fault/);
    const again = await approveRoute.POST(req(`/agent/plans/${plan.id}/approve`, { method: "POST", key: writeKey }), ctx({ id: plan.id }));
    expect(again.status).toBe(409);
    expect((await rejectRoute.POST(req(`/agent/plans/${plan.id}/reject`, { method: "POST", key: writeKey }), ctx({ id: plan.id }))).status).toBe(409);

    // The world recovers over the next ticks; the plan's checks are read back (on GET, lazily).
    let read = await (await planRoute.GET(req(`/agent/plans/${plan.id}`, { key: readKey }), ctx({ id: plan.id }))).json();
    for (let i = 0; i < 40 && read.status === "verifying"; i++) {
      await tickFor(t.db, run.id, clock, 5, 30, team.workspace.id);
      await new Promise((r) => setTimeout(r, 5));
      read = await (await planRoute.GET(req(`/agent/plans/${plan.id}`, { key: readKey }), ctx({ id: plan.id }))).json();
    }
    expect(read.status, read.failure_reason).toBe("succeeded");
    expect(read.checks.length).toBeGreaterThan(1);
    expect(read.checks[0]).toEqual({ name: expect.any(String), passed: true, detail: expect.stringMatching(/held at the last 3 checks/) });
    const rolled = await rollbackRoute.POST(req(`/agent/plans/${plan.id}/rollback`, { method: "POST", key: writeKey, body: {} }), ctx({ id: plan.id }));
    expect([200, 409]).toContain(rolled.status);
    expect((await planRoute.GET(req("/agent/plans/nope", { key: readKey }), ctx({ id: "nope" }))).status).toBe(404);
    await stopSimulation(t.db, team.admin, run.id, { clock });
  }, 120_000);

  it("serves the catalog, and keeps the cron route closed without CRON_SECRET", async () => {
    const catalog = await (await catalogRoute.GET(req("/agent/catalog", { key: readKey }))).json();
    expect(catalog.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(["restart", "scale_out", "toggle_feature_flag", "failover", "cleanup_disk"]));
    expect(catalog.items.find((a: { id: string }) => a.id === "toggle_feature_flag")).toMatchObject({ reversible: true, global: true, parameters: { type: "object" } });
    expect((await cronRoute.POST(new Request("http://test/api/cron/agent", { method: "POST" }))).status).toBe(403);
  });
});

describe("the agent policy over REST", () => {
  it("reads every key, changes some with PATCH (admin keys only), replaces all with PUT, and names a bad field", async () => {
    const read = await settingsRoute.GET(req("/agent/settings", { key: readKey }), ctx({}));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ auto_plan_after_diagnosis: expect.any(Boolean), plan_expiry_minutes: expect.any(Number), blocked_actions: expect.any(Array) });

    expect((await settingsRoute.PATCH(req("/agent/settings", { method: "PATCH", key: writeKey, body: { plan_expiry_minutes: 30 } }), ctx({}))).status).toBe(403);
    const patched = await settingsRoute.PATCH(req("/agent/settings", { method: "PATCH", key: adminKey, body: { plan_expiry_minutes: 30, blocked_actions: ["restart"] } }), ctx({}));
    expect(patched.status).toBe(200);
    const after = await (await settingsRoute.GET(req("/agent/settings", { key: readKey }), ctx({}))).json();
    expect(after).toMatchObject({ plan_expiry_minutes: 30, blocked_actions: ["restart"] });

    const bad = await settingsRoute.PATCH(req("/agent/settings", { method: "PATCH", key: adminKey, body: { plan_expiry_minutes: 0 } }), ctx({}));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("plan_expiry_minutes");

    const partialPut = await settingsRoute.PUT(req("/agent/settings", { method: "PUT", key: adminKey, body: { plan_expiry_minutes: 20 } }), ctx({}));
    expect(partialPut.status).toBe(422);
    const put = await settingsRoute.PUT(req("/agent/settings", { method: "PUT", key: adminKey, body: { ...after, plan_expiry_minutes: 20 } }), ctx({}));
    expect(put.status).toBe(200);
    expect((await put.json()).plan_expiry_minutes).toBe(20);
  });
});
