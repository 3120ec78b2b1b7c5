import { and, desc, eq } from "drizzle-orm";
import { simulations, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { findIncident } from "@/lib/incidents";
import { healthChecks, type HealthCheck } from "./health";
import { unitOf } from "./metrics";
import type { Scenario } from "./schemas";
import { getWorkspaceWorld } from "./store";
import { simulationIdSchema } from "./schemas";
import { worldOf } from "./run-state";
import { World } from "./world";

export async function listSimulations(db: Database, workspaceId: string, options: { status?: SimulationRow["status"]; limit?: number } = {}): Promise<SimulationRow[]> {
  const conds = [eq(simulations.workspaceId, workspaceId)];
  if (options.status) conds.push(eq(simulations.status, options.status));
  return db
    .select()
    .from(simulations)
    .where(and(...conds))
    .orderBy(desc(simulations.startedAt))
    .limit(Math.min(200, Math.max(1, options.limit ?? 50)));
}

export async function getSimulation(db: Database, where: { workspaceId: string; id: string }): Promise<SimulationRow> {
  if (!simulationIdSchema.safeParse(where.id).success) throw new AppError("not_found:simulation", "Simulation not found.");
  const [row] = await db
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, where.workspaceId), eq(simulations.id, where.id)))
    .limit(1);
  if (!row) throw new AppError("not_found:simulation", "Simulation not found.");
  return row;
}

export type SystemHealth = {
  system: string;
  service: string;
  team: string;
  tier: number;
  health: number;
  threshold: number;
  healthy: boolean;
  detail: string;
  /** Running simulations currently affecting this system. */
  simulations: { id: string; scenario_id: string }[];
};

/**
 * Health per system of a workspace: its quiet world (baseline and noise at this moment), with the
 * worst value any running simulation reports for each system laid over it.
 */
export async function getSystemsHealth(db: Database, workspaceId: string, now = new Date()): Promise<{ threshold: number; systems: SystemHealth[] }> {
  const { topology, threshold } = await getWorkspaceWorld(db, workspaceId);
  const quiet = new World(topology, [], 1);
  const checks = healthChecks(topology.services, quiet.snapshot(now.getTime() % 86_400_000));
  const running = await listSimulations(db, workspaceId, { status: "running", limit: 200 });
  const specs = new Map(topology.services.map((s) => [s.name, s]));
  const systems: SystemHealth[] = checks.map((c: HealthCheck) => {
    let health = c.health;
    let detail = c.detail;
    const affecting: { id: string; scenario_id: string }[] = [];
    for (const r of running) {
      const h = r.state.health[c.system];
      if (h === undefined) continue;
      // A run affects a system it made fail, or pushed clearly below its quiet level.
      if (r.state.unhealthy.includes(c.system) || h < c.health - 5) affecting.push({ id: r.id, scenario_id: r.scenarioId });
      if (h < health) {
        health = h;
        detail = r.state.details[c.system] ?? detail;
      }
    }
    const spec = specs.get(c.service);
    return { system: c.system, service: c.service, team: spec?.team ?? "", tier: spec?.tier ?? 3, health, threshold, healthy: health >= threshold, detail, simulations: affecting };
  });
  return { threshold, systems };
}

export type MetricSeries = {
  simulationId: string;
  scenarioId: string;
  scenarioName: string;
  service: string;
  /** When the first fault on the service (or the scenario's first) started, in wall time. */
  faultStartedAt: string;
  incidentOpenedAt: string | null;
  /** Whether the run is still going (the chart keeps refreshing while it is). */
  running: boolean;
  metrics: { name: string; unit: string; baseline: number }[];
  points: ({ t: string } & Record<string, number | string>)[];
};

/**
 * The relevant metrics of a simulated incident around its opening, recomputed from the run's
 * record (the world is a pure function of time, so the chart is exactly what the checks saw).
 * Null for an incident that did not come from a simulation.
 */
export async function getIncidentMetrics(db: Database, where: { workspaceId: string; incidentId: string }): Promise<MetricSeries | null> {
  const incident = await findIncident(db, { workspaceId: where.workspaceId, id: where.incidentId });
  const simId = incident?.metadata?.simulation_id;
  if (!incident || typeof simId !== "string" || !simulationIdSchema.safeParse(simId).success) return null;
  const [row] = await db
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, where.workspaceId), eq(simulations.id, simId)))
    .limit(1);
  if (!row) return null;
  const { world, scenario } = worldOf(row);
  const service = incident.service;
  const ref = row.state.incidents.find((i) => i.id === incident.id);
  const onService = world.faults.filter((f) => f.service === service);
  const faultStart = Math.min(...(onService.length ? onService : world.faults).map((f) => f.startMs));
  const names = [...new Set(onService.flatMap((f) => f.metrics.map((m) => m.name)))];
  if (names.length === 0) names.push("error_rate_percent", "http_request_duration_seconds_p95", "cpu_usage_percent");
  const openedAt = ref?.world_ms ?? row.worldElapsedMs;
  const from = Math.max(0, Math.min(faultStart, openedAt) - 60_000);
  const to = Math.max(from + 60_000, Math.min(row.worldElapsedMs, openedAt + 180_000));
  const step = Math.max(5_000, Math.ceil((to - from) / 120 / 5_000) * 5_000);
  const base = world.baseline(service);
  const start = row.startedAt.getTime();
  const points: MetricSeries["points"] = [];
  for (let t = from; t <= to; t += step) {
    const m = world.metricsAt(service, t) ?? {};
    const p: { t: string } & Record<string, number | string> = { t: new Date(start + t).toISOString() };
    for (const n of names) if (m[n] !== undefined) p[n] = Math.round(m[n] * 1000) / 1000;
    points.push(p);
  }
  const metricMeta = names.map((name) => {
    const driven = onService.flatMap((f) => f.metrics).find((m) => m.name === name);
    return { name, unit: driven?.unit ?? unitOf(name), baseline: driven?.baseline ?? base[name] ?? 0 };
  });
  return {
    simulationId: row.id,
    scenarioId: row.scenarioId,
    scenarioName: (scenario as Scenario).name,
    service,
    faultStartedAt: new Date(start + faultStart).toISOString(),
    incidentOpenedAt: ref ? new Date(start + ref.world_ms).toISOString() : null,
    running: row.status === "running",
    metrics: metricMeta,
    points,
  };
}
