/** What other features, routes and pages may use of on-call: roles, tasks, schedules, escalation. */
export { acknowledgeIncident, runEscalations, runEscalationStep, startEscalations, START_WINDOW_MS, type AcknowledgeOutcome, type EscalationReport } from "./escalation";
export { ESCALATE_JOB, runEscalateJob, runNotifyJob } from "./jobs";
export { workspaceMembers } from "./members";
export { assignLeadToMe, setIncidentRoles, type RolesChange } from "./roles";
export { isValidTimeZone, layerShifts, nextBusinessOpening, onCallAt, rotationShiftAt, scheduleShifts, type Shift } from "./rotation";
export { addOverride, choosePolicy, createPolicy, createSchedule, getSchedule, listPolicies, listSchedules, scheduleOnCall } from "./schedules";
export { addIncidentTask, updateIncidentTask } from "./tasks";
export { incidentLeads, incidentOncallView, incidentsLedBy, oncallOverview, policyView, scheduleView } from "./view";
export { notifyStatusChanges } from "./watch";
export * from "./shared";
