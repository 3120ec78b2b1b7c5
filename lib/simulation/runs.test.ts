import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { events, incidents, simulations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { manualClock } from "./clock";
import { builtinScenarios } from "./scenarios";
import { applyWorldAction, clearFailure, startSimulation, stopSimulation, triggerFailure } from "./runs";
import { getIncidentMetrics, getSimulation, getSystemsHealth } from "./queries";
import { saveCustomScenario, saveTopology, getWorkspaceWorld } from "./store";
import { tickSimulations } from "./tick";
import { defaultTopology } from "@/lib/topology";
import { simulationView } from "./serialize";

let t: TestDatabase;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "sim", name: "Sim" });
  admin = { kind: "user", id: "u-admin", name: "Ada", workspaceId: ws.id, role: "admin" };
  viewer = { kind: "user", id: "u-view", name: "Vic", workspaceId: ws.id, role: "viewer" };
});

afterAll(async () => {
  await t?.drop();
});

/** Drives one run with a hand-moved clock, one health-check interval (5 s of world time) per tick. */
async function runFor(id: string, clock: ReturnType<typeof manualClock>, worldSeconds: number, speed = 1) {
  for (let s = 0; s < worldSeconds; s += 5) {
    clock.advance(5000 / speed);
    await tickSimulations(t.db, { now: clock.now(), ids: [id] });
  }
  return getSimulation(t.db, { workspaceId: admin.workspaceId, id });
}

describe("built-in scenarios through intake", () => {
  for (const scenario of builtinScenarios()) {
    const horizon = scenario.kind === "injection" ? 120 : scenario.duration_seconds;
    it(`${scenario.id} opens an incident on ${scenario.root_service} within ${horizon} s of world time`, async () => {
      const clock = manualClock();
      const started = await startSimulation(t.db, admin, scenario.id, { seed: 7, speed: 1 }, { clock });
      if (!started.ok) throw new Error(started.error);
      const run = await runFor(started.data.id, clock, horizon);
      const opened = run.state.incidents.filter((i) => i.service === scenario.root_service);
      expect(opened.length).toBeGreaterThan(0);
      expect(opened[0].world_ms).toBeLessThanOrEqual(horizon * 1000);
      const [incident] = await t.db.select().from(incidents).where(eq(incidents.id, opened[0].id));
      expect(incident.service).toBe(scenario.root_service);
      expect(incident.source).toBe("simulator");
      expect(incident.incidentType).toBe("training");
      expect(incident.metadata.simulation_id).toBe(run.id);
      expect(Array.isArray(incident.metadata.metrics)).toBe(true);
      expect((incident.metadata.metrics as { name: string }[]).length).toBeGreaterThan(0);
      expect(incident.metadata.context).toMatchObject({ recent_deploys: expect.any(Array), feature_flags: expect.any(Array) });
      // The incident came through the threshold rule: at least five error events, in world time.
      const linked = await t.db.select().from(events).where(eq(events.incidentId, incident.id));
      expect(linked.filter((e) => e.level === "ERROR" || e.level === "CRITICAL").length).toBeGreaterThanOrEqual(5);
      expect(Math.min(...linked.map((e) => e.timestamp.getTime()))).toBeGreaterThanOrEqual(run.startedAt.getTime());
      if (scenario.self_heals) {
        // It heals by itself: once its faults have recovered the run completes without anyone acting.
        const healed = await runFor(run.id, clock, 60);
        expect(healed.status).toBe("completed");
      } else {
        // The script is over but its faults persist: the run waits for remediation and the incident stays open.
        expect(run.status).toBe("running");
        expect(simulationView(run).waitingForRemediation).toBe(true);
        const later = await runFor(run.id, clock, 30);
        expect(later.status).toBe("running");
        expect(simulationView(later).waitingForRemediation).toBe(true);
        await stopSimulation(t.db, admin, run.id, { clock });
      }
    });
  }
});

describe("runs", () => {
  it("are stored: a new tick (another instance after a restart) continues from the database", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "payment_unreachable", { seed: 3, speed: 10 }, { clock });
    if (!started.ok) throw new Error(started.error);
    clock.advance(3_000);
    await tickSimulations(t.db, { now: clock.now(), ids: [started.data.id] });
    const [row] = await t.db.select().from(simulations).where(eq(simulations.id, started.data.id));
    expect(row.worldElapsedMs).toBe(30_000);
    expect(row.status).toBe("running");
    await stopSimulation(t.db, admin, row.id, { clock });
  });

  it("opens one incident per run even when the same scenario runs twice", async () => {
    const clock = manualClock();
    const a = await startSimulation(t.db, admin, "catalog_failure", { seed: 1 }, { clock });
    const b = await startSimulation(t.db, admin, "catalog_failure", { seed: 2 }, { clock });
    if (!a.ok || !b.ok) throw new Error("start failed");
    for (let i = 0; i < 8; i++) {
      clock.advance(5000);
      await tickSimulations(t.db, { now: clock.now(), ids: [a.data.id, b.data.id] });
    }
    const ra = await getSimulation(t.db, { workspaceId: admin.workspaceId, id: a.data.id });
    const rb = await getSimulation(t.db, { workspaceId: admin.workspaceId, id: b.data.id });
    const ia = ra.state.incidents.find((i) => i.service === "product-catalog");
    const ib = rb.state.incidents.find((i) => i.service === "product-catalog");
    expect(ia && ib && ia.id !== ib.id).toBe(true);
    await stopSimulation(t.db, admin, ra.id, { clock });
    await stopSimulation(t.db, admin, rb.id, { clock });
  });

  it("stop restores health: the strip is healthy again and recovery reaches the incident", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "payment_failure", { seed: 5 }, { clock });
    if (!started.ok) throw new Error(started.error);
    const run = await runFor(started.data.id, clock, 60);
    expect(run.state.unhealthy).toContain("payment");
    const during = await getSystemsHealth(t.db, admin.workspaceId);
    expect(during.systems.find((s) => s.system === "payment")?.healthy).toBe(false);
    const stopped = await stopSimulation(t.db, admin, run.id, { clock });
    if (!stopped.ok) throw new Error(stopped.error);
    expect(stopped.data.status).toBe("stopped");
    expect(stopped.data.state.unhealthy).toEqual([]);
    const after = await getSystemsHealth(t.db, admin.workspaceId);
    expect(after.systems.find((s) => s.system === "payment")?.healthy).toBe(true);
    const incidentId = run.state.incidents.find((i) => i.service === "payment")!.id;
    const recovery = await t.db.select().from(events).where(and(eq(events.incidentId, incidentId), eq(events.level, "INFO")));
    expect(recovery.length).toBeGreaterThan(0);
    // Stopping twice is harmless.
    expect((await stopSimulation(t.db, admin, run.id, { clock })).ok).toBe(true);
  });

  it("trigger and clear: a failure cannot be injected twice, and clearing heals the system", async () => {
    const clock = manualClock();
    const first = await triggerFailure(t.db, admin, "redis", "memory", {}, { clock });
    if (!first.ok) throw new Error(first.error);
    const again = await triggerFailure(t.db, admin, "redis", "memory", {}, { clock });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.code).toBe("conflict:failure");
    await runFor(first.data.id, clock, 40);
    expect((await getSystemsHealth(t.db, admin.workspaceId)).systems.find((s) => s.system === "redis")?.health).toBeLessThan(70);
    const cleared = await clearFailure(t.db, admin, "redis", undefined, { clock });
    if (!cleared.ok) throw new Error(cleared.error);
    expect(cleared.data.cleared.map((c) => c.id)).toEqual([first.data.id]);
    expect((await getSystemsHealth(t.db, admin.workspaceId)).systems.find((s) => s.system === "redis")?.healthy).toBe(true);
    expect((await triggerFailure(t.db, admin, "postgres", "bogus")).ok).toBe(false);
    // An open-ended injection cannot run faster than the clock: its events would be stamped days ahead.
    const fast = await triggerFailure(t.db, admin, "disk", "full", { speed: 10 }, { clock });
    expect(!fast.ok && fast.issues?.[0]).toMatchObject({ path: "speed", message: expect.stringContaining("at most 1.15") });
    expect((await triggerFailure(t.db, admin, "mainframe", "memory")).ok).toBe(false);
  });

  it("the right action heals the world: the fault ends, metrics recover, the run completes", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "disk-full", { seed: 9 }, { clock });
    if (!started.ok) throw new Error(started.error);
    await runFor(started.data.id, clock, 30);
    const wrong = await applyWorldAction(t.db, admin, { service: "disk", action: "restart" }, { clock });
    expect(wrong.ok && wrong.data.healed).toEqual([]);
    const right = await applyWorldAction(t.db, admin, { service: "disk", action: "cleanup_old_logs" }, { clock });
    expect(right.ok && right.data.healed.map((h) => h.simulation_id)).toEqual([started.data.id]);
    const run = await runFor(started.data.id, clock, 10);
    expect(run.status).toBe("completed");
    expect(run.state.health.disk).toBeGreaterThanOrEqual(70);
  });

  it("a drill whose script has ended waits for remediation, and completes once an action fixes it", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "payment_unreachable", { seed: 12, speed: 60 }, { clock });
    if (!started.ok) throw new Error(started.error);
    // At 60× the 180 s script is over in 3 s of real time; the world keeps its faults.
    const waiting = await runFor(started.data.id, clock, 240, 60);
    expect(waiting.status).toBe("running");
    expect(waiting.worldElapsedMs).toBeGreaterThan(waiting.durationMs);
    expect(simulationView(waiting)).toMatchObject({ waitingForRemediation: true, progress: 1 });
    expect(waiting.state.unhealthy).toContain("payment");
    const fixed = await applyWorldAction(t.db, admin, { service: "payment", action: "restart", simulation_id: waiting.id }, { clock });
    expect(fixed.ok && fixed.data.healed).toEqual([{ simulation_id: waiting.id, faults: 1 }]);
    const healed = await runFor(waiting.id, clock, 60, 60);
    expect(healed.status).toBe("completed");
    expect(healed.state.unhealthy).toEqual([]);
    expect(simulationView(healed).waitingForRemediation).toBe(false);
  });

  it("charts a simulated incident's metrics around its opening, fault start marked", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "cpu_spike_traffic_surge", { seed: 11 }, { clock });
    if (!started.ok) throw new Error(started.error);
    const run = await runFor(started.data.id, clock, 60);
    const incidentId = run.state.incidents.find((i) => i.service === "payment")!.id;
    const series = await getIncidentMetrics(t.db, { workspaceId: admin.workspaceId, incidentId });
    expect(series?.metrics.map((m) => m.name)).toContain("cpu_usage_percent");
    expect(series!.points.length).toBeGreaterThan(5);
    expect(new Date(series!.faultStartedAt).getTime()).toBe(run.startedAt.getTime());
    await stopSimulation(t.db, admin, run.id, { clock });
  });

  it("auto_analyze runs the AI diagnosis on the root incident as soon as it opens", async () => {
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "pod_crash_loop", { seed: 21, auto_analyze: true }, { clock });
    if (!started.ok) throw new Error(started.error);
    const run = await runFor(started.data.id, clock, 40);
    const root = run.state.incidents.find((i) => i.service === "payment");
    expect(root).toBeDefined();
    expect(run.state.diagnosis).toMatchObject({ status: "done", incidentId: root!.id });
    await stopSimulation(t.db, admin, run.id, { clock });
  });

  it("refuses viewers and unknown scenarios, and names bad start parameters", async () => {
    const denied = await startSimulation(t.db, viewer, "pod_crash_loop");
    expect(!denied.ok && denied.code).toBe("forbidden:role");
    const missing = await startSimulation(t.db, admin, "no_such_thing");
    expect(!missing.ok && missing.code).toBe("not_found:scenario");
    const bad = await startSimulation(t.db, admin, "pod_crash_loop", { speed: 0, seed: -1 });
    expect(!bad.ok && bad.issues?.map((i) => i.path).sort()).toEqual(["seed", "speed"]);
  });
});

describe("custom scenarios and topology", () => {
  const custom = {
    id: "checkout_brownout",
    name: "Checkout brownout",
    root_service: "checkout",
    severity: "medium",
    difficulty: "beginner",
    duration_seconds: 120,
    expected_root_cause: "latency",
    faults: [{ service: "checkout", metrics: [{ name: "error_rate_percent", value: 40, baseline: 0.2, sigma: 6, pattern: "step" }] }],
  };

  it("saves a valid custom scenario and runs it", async () => {
    const saved = await saveCustomScenario(t.db, admin, custom);
    expect(saved.ok).toBe(true);
    const clock = manualClock();
    const started = await startSimulation(t.db, admin, "checkout_brownout", { seed: 1 }, { clock });
    if (!started.ok) throw new Error(started.error);
    const run = await runFor(started.data.id, clock, 120);
    expect(run.state.incidents.some((i) => i.service === "checkout")).toBe(true);
  });

  it("names each invalid field, including services the topology lacks", async () => {
    const r = await saveCustomScenario(t.db, admin, { ...custom, faults: [{ service: "mainframe", metrics: [{ name: "X", value: 1, baseline: 0, sigma: 0, pattern: "wiggle" }] }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["faults.0.metrics.0.name", "faults.0.metrics.0.pattern"]));
    const flat = await saveCustomScenario(t.db, admin, { ...custom, faults: [{ service: "checkout", metrics: [{ name: "x", value: 1, baseline: 0, sigma: 0, pattern: "step" }] }] });
    expect(!flat.ok && flat.issues?.map((i) => i.path)).toEqual(["faults.0.metrics.0.sigma"]);
    const unknown = await saveCustomScenario(t.db, admin, { ...custom, root_service: "mainframe", faults: [{ service: "mainframe", metrics: custom.faults[0].metrics }] });
    expect(!unknown.ok && unknown.issues?.map((i) => i.path)).toEqual(["faults.0.service", "root_service"]);
    const builtin = await saveCustomScenario(t.db, admin, { ...custom, id: "pod_crash_loop" });
    expect(!builtin.ok && builtin.code).toBe("conflict:scenario");
  });

  it("saves an edited topology and threshold, refusing cycles and stale versions", async () => {
    const topo = defaultTopology();
    const cyclic = structuredClone(topo);
    cyclic.services.find((s) => s.name === "postgresql")!.depends_on = ["product-catalog"];
    const refused = await saveTopology(t.db, admin, { topology: cyclic, health_threshold: 60 });
    expect(!refused.ok && refused.issues?.[0].message).toMatch(/cycle/);
    const ok = await saveTopology(t.db, admin, { topology: topo, health_threshold: 60, version: 0 });
    expect(ok.ok).toBe(true);
    expect((await getWorkspaceWorld(t.db, admin.workspaceId)).threshold).toBe(60);
    const stale = await saveTopology(t.db, admin, { topology: topo, health_threshold: 65, version: 0 });
    expect(!stale.ok && stale.code).toBe("conflict:topology");
    expect((await saveTopology(t.db, viewer, { topology: topo })).ok).toBe(false);
  });
});
