/** What other features, routes and pages may use of audit. */
export { recordAudit } from "./record-audit";
