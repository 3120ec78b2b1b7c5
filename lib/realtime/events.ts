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
  /** The SLA watcher recorded a 75 % or breach crossing on an open incident. */
  | { type: "sla.crossed"; incidentId: string }
  /** A runbook was saved, or one attached to an incident changed (attach, checklist tick). */
  | { type: "runbook.updated"; runbookId: string | null; incidentId: string | null }
  /** An incident's post-mortem or its action items changed. */
  | { type: "postmortem.updated"; incidentId: string; postmortemId: string; version: number }
  /** A user's inbox changed (a notification arrived or was read). */
  | { type: "notification.created"; userId: string }
  /** Roles, tasks or the escalation of an incident changed (incidentId), or schedules and policies (null). */
  | { type: "oncall.updated"; incidentId: string | null }
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
