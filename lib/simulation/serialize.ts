import type { SimulationRow } from "@/db/schema";
import type { CatalogEntry } from "./store";
import { allFaults } from "./schemas";

/** A scenario in the list: what a card (or the CLI's table) shows. */
export function serializeScenarioSummary(s: CatalogEntry) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    kind: s.kind,
    source: s.source,
    service: s.root_service,
    severity: s.severity,
    difficulty: s.difficulty,
    tags: s.tags,
    duration_seconds: s.duration_seconds,
    metric_count: allFaults(s).reduce((n, f) => n + f.metrics.length, 0),
    phases: s.phases?.length ?? 0,
    has_conversation: !!s.conversation,
  };
}

/** A scenario in full, as the format defines it (what export writes and import reads). */
export function serializeScenario(s: CatalogEntry) {
  const { source, ...definition } = s;
  return { ...definition, source };
}

/** A run as the REST API returns it. */
export function serializeSimulation(row: SimulationRow) {
  const root = row.state.incidents.find((i) => i.service === row.rootService) ?? row.state.incidents[0];
  return {
    simulation_id: row.id,
    scenario_id: row.scenarioId,
    scenario_name: row.scenarioName,
    kind: row.kind,
    root_service: row.rootService,
    status: row.status,
    speed: row.speed,
    seed: row.seed,
    auto_analyze: row.autoAnalyze,
    started_at: row.startedAt.toISOString(),
    ended_at: row.endedAt?.toISOString() ?? null,
    elapsed_seconds: Math.round(row.worldElapsedMs / 100) / 10,
    duration_seconds: row.durationMs / 1000,
    progress: row.durationMs > 0 ? Math.min(1, row.worldElapsedMs / row.durationMs) : 1,
    world_time: new Date(row.startedAt.getTime() + row.worldElapsedMs).toISOString(),
    health_threshold: row.healthThreshold,
    health: row.state.health,
    unhealthy: row.state.unhealthy,
    events_emitted: row.state.eventsEmitted,
    incident_id: root?.id ?? null,
    incidents: row.state.incidents,
    interventions: row.state.interventions.map((i) => ({ at_seconds: Math.round(i.atMs / 1000), action: i.action, service: i.service ?? null, by: i.by ?? null })),
    diagnosis: row.state.diagnosis ?? null,
    error: row.state.lastError ?? null,
  };
}
