/** What other features, routes and pages may use of analytics. */
export { getAnalyticsSummary } from "./summary";
export * from "./shared";
