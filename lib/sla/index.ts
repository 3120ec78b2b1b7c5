/** What other features, routes and pages may use of SLA watching. */
export { listSlaAlerts } from "./queries";
export { findCrossings, SLA_JOB, watchSla, type SlaWatchReport } from "./watch";
export * from "./shared";
