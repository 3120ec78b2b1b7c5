/**
 * What the server tells browsers after a commit. Payloads carry ids and versions, not rows:
 * clients update their cache or refetch.
 */
export type RealtimeEvent =
  | { type: "incident.created"; incidentId: string; number: number; version: number }
  | { type: "incident.updated"; incidentId: string; version: number; fields?: string[] }
  | { type: "incident.deleted"; incidentId: string }
  | { type: "incident.timeline"; incidentId: string; entryId: string }
  | { type: "incident.events"; incidentId: string; eventCount: number }
  | { type: "diagnosis.finished"; incidentId: string; diagnosisId: string }
  /** A plan of the SRE agent changed (planned, decided, a step ran, verified, rolled back); `executionId` is the plan's id. */
  | { type: "agent.step"; incidentId: string | null; executionId: string; state: string }
  | { type: "simulation.updated"; simulationId: string; status: string }
  | { type: "workspace.reset" }
  /** The incident generator was switched, reconfigured or given a batch. */
  | { type: "generator.updated"; enabled: boolean };

export type RealtimeMessage = RealtimeEvent & {
  workspaceId: string;
  /** Who caused it, so a client can skip the echo of its own optimistic change. */
  origin?: { kind: string; id: string | null };
  at: string;
};

/** Channel name of a workspace, shared by every driver. */
export function workspaceChannel(workspaceId: string): string {
  return `private-workspace-${workspaceId}`;
}
