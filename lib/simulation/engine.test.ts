import { describe, expect, it } from "vitest";
import { diskHealth, postgresBloatHealth, postgresConnectionsHealth, redisHealth, serviceHealth, checksFor, DEFAULT_HEALTH_THRESHOLD } from "./health";
import { patternLevel, SPIKE_SETTLE } from "./patterns";
import { builtinScenarios, getBuiltinScenario } from "./scenarios";
import { scenarioSchema, type ScenarioInput } from "./schemas";
import { topologySchema, type Topology } from "@/lib/topology";
import { defaultTopology } from "@/lib/topology";
import { compileFaults, World, worldFor } from "./world";

const topo = defaultTopology();
const m = { value: 100, baseline: 0 };

describe("patterns", () => {
  it("constant and step hold the value from the fault's start, and the baseline before", () => {
    for (const p of ["constant", "step"] as const) {
      expect(patternLevel(p, m, -1, 1000, 0)).toBe(0);
      expect(patternLevel(p, m, 0, 1000, 0)).toBe(100);
      expect(patternLevel(p, m, 5000, 1000, 0)).toBe(100);
    }
  });

  it("linear ramps straight to the value at the end of the ramp and holds", () => {
    expect(patternLevel("linear", m, 0, 1000, 0)).toBe(0);
    expect(patternLevel("linear", m, 250, 1000, 0)).toBe(25);
    expect(patternLevel("linear", m, 1000, 1000, 0)).toBe(100);
    expect(patternLevel("linear", m, 3000, 1000, 0)).toBe(100);
  });

  it("spike rises within the first tenth, holds, then settles to 60 % of its excursion", () => {
    expect(patternLevel("spike", m, 50, 1000, 0)).toBeCloseTo(25);
    expect(patternLevel("spike", m, 100, 1000, 0)).toBe(100);
    expect(patternLevel("spike", m, 500, 1000, 0)).toBe(100);
    expect(patternLevel("spike", m, 800, 1000, 0)).toBeLessThan(100);
    expect(patternLevel("spike", m, 1000, 1000, 0)).toBeCloseTo(100 * SPIKE_SETTLE);
  });

  it("oscillating swings between baseline and value once per period", () => {
    expect(patternLevel("oscillating", m, 0, 1000, 200)).toBeCloseTo(0);
    expect(patternLevel("oscillating", m, 100, 1000, 200)).toBeCloseTo(100);
    expect(patternLevel("oscillating", m, 200, 1000, 200)).toBeCloseTo(0);
    // Default period: a quarter of the ramp.
    expect(patternLevel("oscillating", m, 125, 1000, 0)).toBeCloseTo(100);
  });

  it("works downward too (AIRRA's negative sigmas: traffic falling from 800 to 450)", () => {
    expect(patternLevel("linear", { value: 450, baseline: 800 }, 500, 1000, 0)).toBe(625);
  });
});

describe("world", () => {
  it("is deterministic: the same seed gives the same series, another seed another one", () => {
    const s = getBuiltinScenario("memory_leak_gradual");
    const series = (seed: number) => {
      const w = worldFor(topo, s, seed);
      return Array.from({ length: 60 }, (_, i) => w.snapshot(i * 5000).payment.memory_usage_percent);
    };
    expect(series(42)).toEqual(series(42));
    expect(series(42)).not.toEqual(series(43));
  });

  it("gives the same value at a moment whatever the order or cadence of evaluation", () => {
    const s = getBuiltinScenario("cache_failure");
    const a = worldFor(topo, s, 5);
    const b = worldFor(topo, s, 5);
    for (let t = 0; t < 100_000; t += 1000) a.snapshot(t);
    expect(a.snapshot(90_000)).toEqual(b.snapshot(90_000));
  });

  it("drives scenario metrics toward their value with noise scaled by sigma", () => {
    const s = getBuiltinScenario("memory_leak_gradual");
    const w = worldFor(topo, s, 1);
    const end = w.snapshot(300_000).payment;
    expect(end.memory_usage_percent).toBeGreaterThan(90);
    expect(end.memory_usage_bytes).toBeGreaterThan(8e9);
    expect(w.snapshot(0).payment.memory_usage_percent).toBeLessThan(30);
    // AIRRA metrics the service does not track sit at the scenario's baseline until the fault moves them.
    expect(w.snapshot(0).payment.heap_allocations_total).toBeCloseTo(2_000_000, -5);
  });

  it("cascades after the edge's delay: payment's errors reach checkout 20 s later, scaled by the error factor", () => {
    const s = getBuiltinScenario("payment_failure");
    const w = worldFor(topo, s, 2);
    expect(w.snapshot(10_000).checkout.error_rate_percent).toBeLessThan(2);
    const at = w.snapshot(25_000);
    // 50 % errors × factor 0.8 → ~40 % at checkout, and 0.8 × that at the frontend another 20 s later.
    expect(at.checkout.error_rate_percent).toBeGreaterThan(36);
    expect(at.checkout.error_rate_percent).toBeLessThan(44);
    expect(at.frontend.error_rate_percent).toBeLessThan(2);
    expect(w.snapshot(45_000).frontend.error_rate_percent).toBeGreaterThan(28);
  });

  it("adds latency up the call path (the frontend waits on the slow image provider)", () => {
    const w = worldFor(topo, getBuiltinScenario("latency_spike"), 3);
    const before = w.snapshot(0).frontend.http_request_duration_seconds_p95;
    const after = w.snapshot(60_000).frontend.http_request_duration_seconds_p95;
    expect(after - before).toBeGreaterThan(2.2);
    expect(after - before).toBeLessThan(2.7);
  });

  it("multiplies load on what a failed cache protected (product-catalog ×10)", () => {
    const w = worldFor(topo, getBuiltinScenario("cache_failure"), 4);
    const base = w.snapshot(0)["product-catalog"].http_requests_per_second;
    const later = w.snapshot(60_000)["product-catalog"].http_requests_per_second;
    expect(later / base).toBeGreaterThan(9);
    expect(later / base).toBeLessThan(11);
  });

  it("leaves the world at baseline with no fault, and heals within the recovery time after a stop", () => {
    const s = getBuiltinScenario("payment_unreachable");
    const stopped = new World(topo, compileFaults(s, [{ atMs: 30_000, action: "stop" }]), 1);
    expect(stopped.snapshot(29_000).payment.pod_ready_count).toBe(0);
    expect(stopped.snapshot(45_000).payment.pod_ready_count).toBe(3);
    const fixed = new World(topo, compileFaults(s, [{ atMs: 30_000, action: "restart", service: "payment" }]), 1);
    expect(fixed.snapshot(45_000).payment.error_rate_percent).toBeLessThan(2);
    const wrongFix = new World(topo, compileFaults(s, [{ atMs: 30_000, action: "scale", service: "payment" }]), 1);
    expect(wrongFix.snapshot(45_000).payment.error_rate_percent).toBeGreaterThan(90);
  });

  it("keeps a fault after its script ends until it is fixed, unless the scenario heals by itself", () => {
    const s = getBuiltinScenario("payment_unreachable");
    const persisting = worldFor(topo, s, 1);
    expect(persisting.snapshot(s.duration_seconds * 1000 + 600_000).payment.pod_ready_count).toBe(0);
    const fixed = worldFor(topo, s, 1, [{ atMs: 400_000, action: "restart", service: "payment" }]);
    expect(fixed.snapshot(420_000).payment.pod_ready_count).toBe(3);
    const selfHealing = worldFor(topo, { ...s, self_heals: true }, 1);
    expect(selfHealing.snapshot(s.duration_seconds * 1000 + 60_000).payment.pod_ready_count).toBe(3);
  });

  it("runs the phases of a multi-phase scenario in turn (leak, then OOM kills)", () => {
    const w = worldFor(topo, getBuiltinScenario("memory_leak"), 6);
    expect(w.snapshot(200_000).email.pod_restarts_total).toBe(0);
    expect(w.snapshot(200_000).email.memory_usage_percent).toBeGreaterThan(80);
    expect(w.snapshot(350_000).email.pod_restarts_total).toBeGreaterThan(3);
  });

  it("keeps every system healthy at baseline", () => {
    const w = new World(topo, [], 9);
    for (let t = 0; t < 600_000; t += 5000) {
      const snap = w.snapshot(t);
      for (const spec of topo.services) for (const c of checksFor(spec, snap[spec.name])) expect(c.health).toBeGreaterThanOrEqual(DEFAULT_HEALTH_THRESHOLD);
    }
  });
});

describe("health formulas", () => {
  const MB = 1024 * 1024;
  it("Redis: 100 − used/maxmemory %, 70 exactly at 30 % used", () => {
    expect(redisHealth(0, 50 * MB)).toBe(100);
    expect(redisHealth(15 * MB, 50 * MB)).toBeCloseTo(70);
    expect(redisHealth(50 * MB, 50 * MB)).toBe(0);
    expect(redisHealth(60 * MB, 50 * MB)).toBe(0);
  });
  it("Postgres connections: 100 − idle/total %", () => {
    expect(postgresConnectionsHealth(0, 20)).toBe(100);
    expect(postgresConnectionsHealth(6, 20)).toBeCloseTo(70);
    expect(postgresConnectionsHealth(13, 20)).toBeCloseTo(35);
    expect(postgresConnectionsHealth(0, 0)).toBe(100);
  });
  it("Postgres bloat: 100 / (1 + dead/live), 20 for 8,000 dead per 2,000 live", () => {
    expect(postgresBloatHealth(0, 1000)).toBe(100);
    expect(postgresBloatHealth(1000, 1000)).toBe(50);
    expect(postgresBloatHealth(8000, 2000)).toBe(20);
    expect(postgresBloatHealth(3, 7)).toBeCloseTo(70);
    expect(postgresBloatHealth(5, 0)).toBe(0);
  });
  it("Disk: 100 − used %", () => {
    expect(diskHealth(30)).toBe(70);
    expect(diskHealth(75)).toBe(25);
    expect(diskHealth(100)).toBe(0);
  });
  it("Services: errors, latency against the SLO, saturation and ready pods; the weakest decides", () => {
    const spec = { slo_p95_ms: 500, replicas: 3 };
    const ok = { error_rate_percent: 0.2, http_request_duration_seconds_p95: 0.2, cpu_usage_percent: 40, memory_usage_percent: 40, pod_ready_count: 3 };
    expect(serviceHealth(ok, spec)).toBeCloseTo(99.2);
    expect(serviceHealth({ ...ok, error_rate_percent: 7.5 }, spec)).toBeCloseTo(70);
    expect(serviceHealth({ ...ok, http_request_duration_seconds_p95: 0.5 }, spec)).toBeCloseTo(99.2);
    expect(serviceHealth({ ...ok, http_request_duration_seconds_p95: 1.0 }, spec)).toBeCloseTo(50);
    expect(serviceHealth({ ...ok, cpu_usage_percent: 82.5 }, spec)).toBeCloseTo(70);
    expect(serviceHealth({ ...ok, pod_ready_count: 2 }, spec)).toBeCloseTo(66.7, 1);
    expect(serviceHealth({ ...ok, error_rate_percent: 100 }, spec)).toBe(0);
  });
});

describe("scenario format", () => {
  it("validates the whole built-in catalog: 5 AIRRA, 12 cascades, 4 injections", () => {
    const all = builtinScenarios();
    expect(all.filter((s) => s.kind === "injection").map((s) => s.id).sort()).toEqual(["disk-full", "postgres-bloat", "postgres-connections", "redis-memory"]);
    expect(all.filter((s) => s.kind === "scenario")).toHaveLength(17);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const airra = getBuiltinScenario("latency_spike_database").faults[0].metrics.find((x) => x.name === "database_query_duration_seconds");
    expect(airra).toMatchObject({ value: 7.2, baseline: 0.05, sigma: 7.0, pattern: "step" });
  });

  const minimal: ScenarioInput = {
    id: "x_demo",
    name: "Demo",
    root_service: "cart",
    severity: "low",
    difficulty: "beginner",
    duration_seconds: 60,
    expected_root_cause: "x",
    faults: [{ service: "cart", metrics: [{ name: "error_rate_percent", value: 10, baseline: 0, sigma: 5, pattern: "step" }] }],
  };
  const issues = (input: unknown) => {
    const r = scenarioSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("accepts a minimal scenario and fills defaults", () => {
    const s = scenarioSchema.parse(minimal);
    expect(s.kind).toBe("scenario");
    expect(s.faults[0].recovery_seconds).toBe(10);
  });

  it("names what is wrong", () => {
    expect(issues({ ...minimal, id: "Bad Id", severity: "apocalyptic", duration_seconds: 5 })).toEqual([
      "id: must use lowercase letters, digits, '-' or '_'",
      "severity: must be one of critical, high, medium, low",
      "duration_seconds: must be at least 10 seconds",
    ]);
    expect(issues({ ...minimal, faults: [] })).toEqual(["faults: needs at least one fault (in faults or phases)"]);
    expect(issues({ ...minimal, root_service: "ad" })).toEqual(['root_service: "ad" has no fault: the root service must be one a fault breaks']);
    expect(issues({ ...minimal, faults: [{ ...minimal.faults![0], start_offset_seconds: 90 }] })).toEqual(["faults.0.start_offset_seconds: must be before the end of the scenario (60 s)"]);
  });

  it("checks a war-room conversation: order, threads, channels, mentions, units", () => {
    const conversation = {
      services: { cart: { channel: "#cart-oncall", oncall_group: "@cart-oncall", role: "primary" } },
      timeline: [
        { offset_seconds: 10, type: "alert", channel: "#cart-oncall", metrics: { p95_latency: "fast" } },
        { offset_seconds: 5, type: "message", channel: "#nowhere", user: "al", thread_parent: 3, mentions: ["@ghosts"] },
      ],
    };
    expect(issues({ ...minimal, conversation })).toEqual([
      "conversation.timeline.0.metrics: p95_latency must carry a unit (ms or s)",
      "conversation.timeline.1.offset_seconds: offsets must be in order",
      "conversation.timeline.1.thread_parent: must point to an earlier item",
      'conversation.timeline.1.channel: "#nowhere" is not a channel of the services',
      'conversation.timeline.1.mentions: "@ghosts" is not a declared on-call group',
    ]);
  });

  it("refuses topologies with unknown dependencies or cycles", () => {
    const t: Topology = structuredClone(topo);
    t.services[0].depends_on.push("mainframe");
    const r = topologySchema.safeParse(t);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('"mainframe" is not a service of this topology');
  });
});
