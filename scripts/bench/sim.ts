/**
 * `npm run bench:sim`: ticks per second of the simulator for 1, 10 and 50 concurrent simulations
 * over the full topology, and memory. Each tick advances every running world by one health-check
 * interval (5 s of world time), evaluates its checks and writes all runs in one batched UPDATE.
 * PGlite in memory by default; PostgreSQL when DATABASE_URL is set (a scratch database, dropped).
 */
import { createTestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "@/lib/auth/shared";
import { manualClock } from "@/lib/simulation/clock";
import { builtinScenarios } from "@/lib/simulation/scenarios";
import { startSimulation } from "@/lib/simulation/runs";
import { tickSimulations } from "@/lib/simulation/tick";
import { defaultTopology } from "@/lib/topology/default-topology";
import { healthChecks } from "@/lib/simulation/health";
import { worldFor } from "@/lib/simulation/world";

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function benchDb(concurrency: number) {
  const t = await createTestDatabase();
  try {
    const ws = await insertWorkspace(t.db, { slug: `bench-${concurrency}`, name: "Bench" });
    const actor: Actor = { kind: "system", id: null, name: "bench", workspaceId: ws.id, role: "admin" };
    const clock = manualClock();
    // The long-running scenarios (and injections), so no run finishes during the measure.
    const pool = builtinScenarios().filter((s) => s.duration_seconds >= 240);
    for (let i = 0; i < concurrency; i++) {
      const r = await startSimulation(t.db, actor, pool[i % pool.length].id, { seed: i, speed: 1 }, { clock });
      if (!r.ok) throw new Error(r.error);
    }
    // First minute of world time: the faults develop and incidents open through intake (the costly
    // part: each opening writes the incident, its history, audit, links). Measured on its own.
    const burstStart = performance.now();
    let opened = 0;
    for (let i = 0; i < 12; i++) opened += (await tickSimulations(t.db, { now: clock.advance(5000) })).incidentsOpened;
    const burstMs = performance.now() - burstStart;
    const heapBefore = process.memoryUsage().heapUsed;
    let ticks = 0;
    let events = 0;
    const started = performance.now();
    while (performance.now() - started < DURATION_MS) {
      const r = await tickSimulations(t.db, { now: clock.advance(5000) });
      events += r.events;
      ticks++;
    }
    const seconds = (performance.now() - started) / 1000;
    const mem = process.memoryUsage();
    return { concurrency, opened, burstTps: 12 / (burstMs / 1000), ticks, tps: ticks / seconds, simTicks: (ticks * concurrency) / seconds, events, heap: mem.heapUsed, heapDelta: mem.heapUsed - heapBefore, rss: mem.rss, db: t.kind };
  } finally {
    await t.drop();
  }
}

function benchWorld() {
  const topo = defaultTopology();
  const s = builtinScenarios().find((x) => x.id === "traffic_spike")!;
  const w = worldFor(topo, s, 1);
  const n = 20_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) healthChecks(topo.services, w.snapshot(i * 5000));
  return (n / (performance.now() - started)) * 1000;
}

async function main() {
  process.env.LOG_LEVEL ??= "silent";
  const worldRate = benchWorld();
  console.log(`World math alone (traffic_spike, ${defaultTopology().services.length} services, checks included): ${Math.round(worldRate).toLocaleString()} evaluations/s`);
  console.log(`\nTick = advance every running world 5 s, run its health checks, send events through intake, one batched write.\nOpening = the first 12 ticks (incidents open); steady = the next ${DURATION_MS / 1000} s (failing systems re-notify every 5 simulated minutes).\n`);
  console.log("simulations  opening: ticks/s (incidents)  steady: ticks/s  world-steps/s  events  heap     rss      database");
  for (const c of [1, 10, 50]) {
    const r = await benchDb(c);
    console.log(
      `${String(c).padEnd(11)}  ${`${r.burstTps.toFixed(0)} (${r.opened})`.padStart(27)}  ${r.tps.toFixed(0).padStart(15)}  ${r.simTicks.toFixed(0).padStart(13)}  ${String(r.events).padStart(6)}  ${mb(r.heap).padEnd(7)}  ${mb(r.rss).padEnd(7)}  ${r.db}`,
    );
  }
  console.log("\nTarget: ≥ 200 ticks/s with 10 simulations.");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
