import type { Incident, SimulationRow } from "@/db/schema";
import type { SavedDiagnosis } from "@/lib/diagnosis";
import { incidentKey } from "@/lib/incidents/shared";
import { simulationView } from "@/lib/simulation/shared";
import { keysToSnake } from "./case";

/**
 * The REST API's documents (snake_case, like the webhook formats it sits beside), made from the
 * domain's own camelCase values at the edge.
 */

/** An incident as the REST API returns it. */
export function serializeIncident(row: Incident): Record<string, unknown> {
  const { workspaceId: _ws, ...rest } = row;
  return { ...keysToSnake(rest), key: incidentKey(row.number) };
}

/** A simulation run as the REST API (and the sim CLI) sees it. */
export function serializeSimulation(row: SimulationRow) {
  const view = simulationView(row);
  return {
    ...(keysToSnake(view) as Omit<Record<string, unknown>, "interventions">),
    interventions: view.interventions.map((i) => keysToSnake(i)),
  };
}

/** The REST shape: snake_case, the diagnosis as validated, provider details alongside. */
export function serializeDiagnosis(d: SavedDiagnosis, incidentId: string): Record<string, unknown> {
  return {
    id: d.meta.id,
    incident_id: incidentId,
    provider: d.meta.provider,
    model: d.meta.model,
    time_to_first_token_ms: d.meta.time_to_first_token_ms,
    total_ms: d.meta.total_ms,
    input_tokens: d.meta.input_tokens,
    output_tokens: d.meta.output_tokens,
    attempts: d.meta.attempts,
    requested_by: d.requestedBy,
    created_at: d.meta.created_at,
    diagnosis: d.diagnosis,
  };
}
