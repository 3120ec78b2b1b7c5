/** What other features, routes and pages may use of simulation. */
export { manualClock } from "./clock";
export { healthChecks } from "./health";
export { getIncidentMetrics, getSimulation, getSystemsHealth, listSimulations, type MetricSeries, type SystemHealth } from "./queries";
export { applyWorldAction, clearFailure, startSimulation, stopSimulation, triggerFailure } from "./runs";
export { builtinScenarios, findBuiltinScenario } from "./scenarios";
export { deleteCustomScenario, getScenario, getWorkspaceWorld, listScenarios, resetTopology, saveCustomScenario, saveTopology } from "./store";
export { tickSimulations } from "./tick";
export { worldFor } from "./world";
export * from "./shared";
