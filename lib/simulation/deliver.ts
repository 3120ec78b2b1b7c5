import { and, eq, inArray } from "drizzle-orm";
import { incidents, type Severity, type SimulationIncidentRef, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { systemActor, type Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";
import { ingestEvents } from "@/lib/intake";
import { applyIncidentEdit } from "@/lib/incidents";
import { unitOf } from "./metrics";
import { impliedStd } from "./patterns";
import type { ScenarioSeverity } from "./schemas";
import { worldOf, type SimEvent } from "./run-state";

/** The simulator acts in a workspace as the system, under its own name. */
export function simulatorActor(workspaceId: string): Actor {
  return systemActor(workspaceId, "Simulator");
}

const severityOf: Record<ScenarioSeverity, Severity> = { critical: "P0", high: "P1", medium: "P2", low: "P3" };

export type Delivered = { opened: SimulationIncidentRef[]; updated: { id: string; version: number }[]; attached: string[] };

/** The metrics an incident on `service` carries: what the scenario drives there, else its vital signs. */
export function incidentMetrics(row: Pick<SimulationRow, "id" | "scenario" | "topology" | "seed" | "state">, service: string, t: number) {
  const { world } = worldOf(row);
  const now = world.metricsAt(service, t) ?? {};
  const base = world.baseline(service);
  const driven = world.faults.filter((f) => f.service === service).flatMap((f) => f.metrics);
  const seen = new Set<string>();
  const out: { name: string; value: number; baseline: number; unit: string; sigma?: number; pattern?: string; service: string }[] = [];
  for (const m of driven) {
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    const std = impliedStd(m);
    const value = now[m.name] ?? m.baseline;
    out.push({
      name: m.name,
      value: round(value),
      baseline: m.baseline,
      unit: m.unit ?? unitOf(m.name),
      ...(std > 0 ? { sigma: Math.round(((value - m.baseline) / std) * 10) / 10 } : {}),
      pattern: m.pattern,
      service,
    });
  }
  if (out.length === 0) {
    for (const name of ["error_rate_percent", "http_request_duration_seconds_p95", "cpu_usage_percent", "memory_usage_percent", "http_requests_per_second"]) {
      if (now[name] === undefined) continue;
      out.push({ name, value: round(now[name]), baseline: round(base[name] ?? 0), unit: unitOf(name), service });
    }
  }
  return out;
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

/**
 * Sends runs' events through the same intake function webhooks use, inside the caller's
 * transaction — one call per workspace and tick, however many runs — and gives the incidents it
 * opens what diagnosis needs (metrics, context, the run). Results come back per run.
 */
export async function deliverBatch(tx: Database, workspaceId: string, batch: { row: SimulationRow; events: SimEvent[] }[], now: Date): Promise<Map<string, Delivered>> {
  const out = new Map<string, Delivered>(batch.map((b) => [b.row.id, { opened: [], updated: [], attached: [] }]));
  const events = batch.flatMap((b) => b.events);
  if (events.length === 0) return out;
  const actor = simulatorActor(workspaceId);
  const result = await ingestEvents(tx, actor, events, { source: "simulator", incidentType: "training", now });
  if (!result.ok) throw new AppError(result.code, `Intake refused the simulator's events: ${result.error}`);
  const created = result.data.incidents.filter((i) => i.status === "created");
  if (created.length === 0) return out;
  const rowsById = new Map(batch.map((b) => [b.row.id, b]));
  const rows = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), inArray(incidents.id, created.map((c) => c.id))));
  for (const inc of rows) {
    // The simulator's events carry the fingerprint `sim:<run>:<system>`; intake records the one that opened the incident.
    const fingerprint = typeof inc.metadata.fingerprint === "string" ? inc.metadata.fingerprint : "";
    const match = /^sim:([0-9a-f-]{36}):(.+)$/.exec(fingerprint);
    const owner = match ? rowsById.get(match[1]) : undefined;
    if (!match || !owner) continue;
    const { row } = owner;
    const system = match[2];
    const worldMs = Math.max(0, ...owner.events.filter((e) => e.attributes.system === system).map((e) => Number(e.attributes.world_ms) || 0));
    const { scenario, topology } = worldOf(row);
    const isRoot = inc.service === scenario.root_service;
    const spec = topology.services.find((s) => s.name === inc.service);
    const { incident: updated } = await applyIncidentEdit(
      tx,
      actor,
      inc.id,
      {
        ...(isRoot ? { severity: severityOf[scenario.severity] } : {}),
        ...(inc.team ? {} : spec ? { team: spec.team } : {}),
        generatedBy: "simulator",
        affectedSystems: [...new Set([inc.service, ...(scenario.impact?.affected_services ?? [])])].slice(0, 50),
        metadata: {
          ...inc.metadata,
          simulation_id: row.id,
          scenario_id: scenario.id,
          scenario_name: scenario.name,
          system,
          metrics: incidentMetrics(row, inc.service, worldMs),
          context: scenario.context,
        },
      },
    );
    const d = out.get(row.id)!;
    d.updated.push({ id: updated.id, version: updated.version });
    d.opened.push({ id: inc.id, number: inc.number, service: inc.service, system, world_ms: worldMs });
  }
  return out;
}

/** One run's events (a stop, a clear). */
export async function deliverEvents(tx: Database, row: SimulationRow, events: SimEvent[], now: Date): Promise<Delivered> {
  return (await deliverBatch(tx, row.workspaceId, [{ row, events }], now)).get(row.id)!;
}
