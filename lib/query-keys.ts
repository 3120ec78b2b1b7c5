/**
 * Every react-query key of the app, built in one place so that server actions' onSuccess and
 * realtime events invalidate exactly what they changed. Keys start with the workspace slug.
 */
export const queryKeys = {
  all: (workspace: string) => ["ws", workspace] as const,
  board: (workspace: string) => ["ws", workspace, "board"] as const,
  boardView: (workspace: string, filters: unknown, resolvedPage: number) => ["ws", workspace, "board", filters, resolvedPage] as const,
  facets: (workspace: string) => ["ws", workspace, "facets"] as const,
  incident: (workspace: string, id: string) => ["ws", workspace, "incident", id] as const,
  incidentTimeline: (workspace: string, id: string) => ["ws", workspace, "incident", id, "timeline"] as const,
  incidentEvents: (workspace: string, id: string) => ["ws", workspace, "incident", id, "events"] as const,
  incidentDiagnoses: (workspace: string, id: string) => ["ws", workspace, "incident", id, "diagnoses"] as const,
  simulations: (workspace: string) => ["ws", workspace, "simulations"] as const,
  drill: (workspace: string, id: string) => ["ws", workspace, "drills", id] as const,
  systemsHealth: (workspace: string) => ["ws", workspace, "systems-health"] as const,
  incidentMetrics: (workspace: string, id: string) => ["ws", workspace, "incident", id, "metrics"] as const,
  /** The SRE agent's panel on an incident: its plans, mode and targets. */
  incidentAgent: (workspace: string, id: string) => ["ws", workspace, "incident", id, "agent"] as const,
  /** Every list of plans of the workspace (the approvals inbox, the nav badge's count). */
  agent: (workspace: string) => ["ws", workspace, "agent"] as const,
  agentPlans: (workspace: string, filter: string) => ["ws", workspace, "agent", "plans", filter] as const,
};
