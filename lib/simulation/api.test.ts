import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as scenarioRoute from "@/app/api/v1/scenarios/[id]/route";
import * as startRoute from "@/app/api/v1/scenarios/[id]/start/route";
import * as simulationsRoute from "@/app/api/v1/simulations/route";
import * as simulationRoute from "@/app/api/v1/simulations/[id]/route";
import * as stopRoute from "@/app/api/v1/simulations/[id]/stop/route";
import * as systemsRoute from "@/app/api/v1/systems/route";
import * as triggerRoute from "@/app/api/v1/systems/[system]/trigger/[failure]/route";
import * as clearRoute from "@/app/api/v1/systems/[system]/clear/route";
import * as actionsRoute from "@/app/api/v1/systems/[system]/actions/route";
import * as cronRoute from "@/app/api/cron/tick/route";

let t: TestDatabase;
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  const ws = await insertWorkspace(t.db, { slug: "api", name: "API" });
  const system = systemActor(ws.id);
  readKey = (await insertApiKey(t.db, system, { name: "reader", scopes: ["read"] })).key;
  writeKey = (await insertApiKey(t.db, system, { name: "writer", scopes: ["write"] })).key;
});

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

describe("simulator REST API", () => {
  it("lists and filters the catalog for a read key, and refuses anonymous callers", async () => {
    expect((await scenariosRoute.GET(req("/scenarios"))).status).toBe(401);
    const all = await (await scenariosRoute.GET(req("/scenarios", { key: readKey }))).json();
    expect(all.items).toHaveLength(21);
    expect(all.items[0]).toMatchObject({ id: "memory_leak_gradual", service: "payment", severity: "critical", difficulty: "beginner", duration_seconds: 300, metric_count: 4 });
    const advanced = await (await scenariosRoute.GET(req("/scenarios?difficulty=advanced", { key: readKey }))).json();
    expect(advanced.items.map((s: { id: string }) => s.id)).toEqual(["dependency_failure_timeout", "llm_inaccuracy"]);
    const bad = await scenariosRoute.GET(req("/scenarios?difficulty=expert", { key: readKey }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues[0].path).toBe("difficulty");
  });

  it("returns a scenario in full, or 404", async () => {
    const s = await (await scenarioRoute.GET(req("/scenarios/pod_crash_loop", { key: readKey }), ctx({ id: "pod_crash_loop" }))).json();
    expect(s.faults[0].metrics.map((m: { name: string }) => m.name)).toContain("pod_restarts_total");
    expect(s.context.recent_deploys[0].version).toBe("v2.5.0");
    expect((await scenarioRoute.GET(req("/scenarios/nope", { key: readKey }), ctx({ id: "nope" }))).status).toBe(404);
  });

  it("starts, reports and stops a run; a read key may not start one", async () => {
    expect((await startRoute.POST(req("/scenarios/payment_failure/start", { method: "POST", key: readKey, body: {} }), ctx({ id: "payment_failure" }))).status).toBe(403);
    const invalid = await startRoute.POST(req("/scenarios/payment_failure/start", { method: "POST", key: writeKey, body: { speed: 5000 } }), ctx({ id: "payment_failure" }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).issues[0].path).toBe("speed");
    const res = await startRoute.POST(req("/scenarios/payment_failure/start", { method: "POST", key: writeKey, body: { speed: 10, seed: 4 } }), ctx({ id: "payment_failure" }));
    expect(res.status).toBe(201);
    const started = await res.json();
    expect(started).toMatchObject({ status: "running", incident_id: null, speed: 10, seed: 4 });
    const detail = await (await simulationRoute.GET(req(`/simulations/${started.simulation_id}`, { key: readKey }), ctx({ id: started.simulation_id }))).json();
    expect(detail).toMatchObject({ scenario_id: "payment_failure", status: "running", health_threshold: 70 });
    expect(typeof detail.health.payment).toBe("number");
    const list = await (await simulationsRoute.GET(req("/simulations?status=running", { key: readKey }))).json();
    expect(list.items.map((s: { simulation_id: string }) => s.simulation_id)).toContain(started.simulation_id);
    const stopped = await (await stopRoute.POST(req(`/simulations/${started.simulation_id}/stop`, { method: "POST", key: writeKey }), ctx({ id: started.simulation_id }))).json();
    expect(stopped.status).toBe("stopped");
    expect((await simulationRoute.GET(req("/simulations/x", { key: readKey }), ctx({ id: "x" }))).status).toBe(404);
  });

  it("triggers and clears the injected failures by system, and applies remediations", async () => {
    const first = await triggerRoute.POST(req("/systems/redis/trigger/memory", { method: "POST", key: writeKey }), ctx({ system: "redis", failure: "memory" }));
    expect(first.status).toBe(201);
    expect((await triggerRoute.POST(req("/systems/redis/trigger/memory", { method: "POST", key: writeKey }), ctx({ system: "redis", failure: "memory" }))).status).toBe(409);
    expect((await triggerRoute.POST(req("/systems/redis/trigger/melt", { method: "POST", key: writeKey }), ctx({ system: "redis", failure: "melt" }))).status).toBe(404);
    const health = await (await systemsRoute.GET(req("/systems", { key: readKey }))).json();
    expect(health.threshold).toBe(70);
    expect(health.systems.map((s: { system: string }) => s.system)).toEqual(expect.arrayContaining(["redis", "postgresql", "postgresql-bloat", "disk", "payment"]));
    const cleared = await (await clearRoute.POST(req("/systems/redis/clear", { method: "POST", key: writeKey }), ctx({ system: "redis" }))).json();
    expect(cleared.cleared).toHaveLength(1);
    const disk = await triggerRoute.POST(req("/systems/disk/trigger/full", { method: "POST", key: writeKey }), ctx({ system: "disk", failure: "full" }));
    const diskRun = await disk.json();
    // An action on a system is a plan of the SRE agent: proposed here, approved and verified there.
    const proposed = await actionsRoute.POST(req("/systems/disk/actions", { method: "POST", key: writeKey, body: { action: "cleanup_old_logs" } }), ctx({ system: "disk" }));
    expect(proposed.status).toBe(201);
    const plan = await proposed.json();
    expect(plan).toMatchObject({ simulation_id: diskRun.simulation_id, status: "awaiting_approval", steps: [{ action: "cleanup_disk", target: "disk" }] });
    const unknown = await actionsRoute.POST(req("/systems/disk/actions", { method: "POST", key: writeKey, body: { action: "echo hi" } }), ctx({ system: "disk" }));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).issues[0].path).toBe("action");
    expect((await actionsRoute.POST(req("/systems/disk/actions", { method: "POST", key: readKey, body: { action: "cleanup_disk" } }), ctx({ system: "disk" }))).status).toBe(403);
  });

  it("keeps the cron tick route closed without CRON_SECRET", async () => {
    expect((await cronRoute.POST(new Request("http://test/api/cron/tick", { method: "POST" }))).status).toBe(403);
  });
});
