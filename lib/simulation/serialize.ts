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

/** Whether a running scenario's script has ended while faults it left still wait for an action to fix them. */
export function waitingForRemediation(row: Pick<SimulationRow, "status" | "kind" | "worldElapsedMs" | "durationMs" | "scenario">): boolean {
  if (row.status !== "running") return false;
  if (row.kind === "injection") return true;
  return row.worldElapsedMs >= row.durationMs && !(row.scenario as { self_heals?: boolean }).self_heals;
}

/** A run as the app shows it: status, progress, health per system, incidents opened, interventions. */
export function simulationView(row: SimulationRow) {
  const root = row.state.incidents.find((i) => i.service === row.rootService) ?? row.state.incidents[0];
  return {
    simulationId: row.id,
    scenarioId: row.scenarioId,
    scenarioName: row.scenarioName,
    kind: row.kind,
    rootService: row.rootService,
    status: row.status,
    /** The script has ended but faults it left persist until an action (or a stop) fixes them. */
    waitingForRemediation: waitingForRemediation(row),
    speed: row.speed,
    seed: row.seed,
    autoAnalyze: row.autoAnalyze,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    elapsedSeconds: Math.round(row.worldElapsedMs / 100) / 10,
    durationSeconds: row.durationMs / 1000,
    progress: row.durationMs > 0 ? Math.min(1, row.worldElapsedMs / row.durationMs) : 1,
    worldTime: new Date(row.startedAt.getTime() + row.worldElapsedMs).toISOString(),
    healthThreshold: row.healthThreshold,
    health: row.state.health,
    unhealthy: row.state.unhealthy,
    eventsEmitted: row.state.eventsEmitted,
    incidentId: root?.id ?? null,
    incidents: row.state.incidents,
    interventions: row.state.interventions.map((i) => ({ atSeconds: Math.round(i.atMs / 1000), action: i.action, service: i.service ?? null, by: i.by ?? null })),
    diagnosis: row.state.diagnosis ?? null,
    error: row.state.lastError ?? null,
  };
}

export type SimulationView = ReturnType<typeof simulationView>;
