/** What other features, routes and pages may use of agent. */
export { approvePlan, rejectPlan } from "./decide";
export { expirePlans } from "./expire";
export { AGENT_JOB, runAgentJobs, type AgentJobReport } from "./jobs";
export { approvalsInbox, getPlan, incidentAgentPanel, listPlans, type ApprovalsInbox, type IncidentAgentPanel, type PlanList } from "./queries";
export { planAfterDiagnosis, proposeSystemAction, requestPlan, type PlanOptions } from "./plan";
export { rollbackPlan } from "./rollback";
export { readAgentSettings, updateAgentSettings } from "./settings";
export { progressVerification } from "./verify";
export { agentActor, AGENT_NAME, NO_CONNECTOR } from "./context";
export { plannerProviders } from "./planner/chain";
export { OFFLINE_PLANNER_ID } from "./planner/model";
export * from "./shared";
