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
  /** The SLA badges of the board's open cards. */
  slaAlerts: (workspace: string) => ["ws", workspace, "sla-alerts"] as const,
  /** The runbook library and single runbooks (with their history). */
  runbooks: (workspace: string) => ["ws", workspace, "runbooks"] as const,
  runbook: (workspace: string, id: string) => ["ws", workspace, "runbooks", id] as const,
  /** Suggested and attached runbooks of an incident. */
  incidentRunbooks: (workspace: string, id: string) => ["ws", workspace, "incident", id, "runbooks"] as const,
  /** An incident's post-mortem. */
  incidentPostmortem: (workspace: string, id: string) => ["ws", workspace, "incident", id, "postmortem"] as const,
  /** The workspace-wide action items. */
  actionItems: (workspace: string) => ["ws", workspace, "action-items"] as const,
  /** The signed-in user's inbox (the bell and its count). */
  notifications: (workspace: string) => ["ws", workspace, "notifications"] as const,
  /** Roles, tasks and escalation of an incident. */
  incidentOncall: (workspace: string, id: string) => ["ws", workspace, "incident", id, "oncall"] as const,
  /** Schedules, who is on call, escalation policies. */
  oncall: (workspace: string) => ["ws", workspace, "oncall"] as const,
  /** The incident generator's status (board toggle, settings). */
  generator: (workspace: string) => ["ws", workspace, "generator"] as const,
  /** The war room of an incident: its merged timeline (under the timeline key, so timeline events refresh it). */
  incidentWarRoom: (workspace: string, id: string) => ["ws", workspace, "incident", id, "timeline", "war-room"] as const,
  /** The alerts page (signals, silences) and maintenance windows. */
  alerts: (workspace: string) => ["ws", workspace, "alerts"] as const,
  alertSignals: (workspace: string, filters: unknown) => ["ws", workspace, "alerts", "signals", filters] as const,
  silences: (workspace: string) => ["ws", workspace, "alerts", "silences"] as const,
  maintenance: (workspace: string, which: "all" | "active") => ["ws", workspace, "alerts", "maintenance", which] as const,
  maintenanceNote: (workspace: string, incidentId: string) => ["ws", workspace, "incident", incidentId, "maintenance-note"] as const,
  similarIncidents: (workspace: string, incidentId: string) => ["ws", workspace, "incident", incidentId, "similar"] as const,
};
