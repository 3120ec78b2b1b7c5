/** What other features, routes and pages may use of SLA watching and the severity policy at work. */
export { fillCommsTemplates, getCommsTemplates, updateCommsTemplates } from "./comms";
export { listSlaAlerts } from "./queries";
export { findCrossings, SLA_JOB, watchSla, type SlaWatchReport } from "./watch";
export * from "./shared";
