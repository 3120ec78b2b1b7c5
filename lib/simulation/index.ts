/** What other features, routes and pages may use of simulation. */
export { manualClock } from "./clock";
export { checksFor, healthChecks, type HealthCheck } from "./health";
export { getIncidentMetrics, getSimulation, getSystemsHealth, listSimulations, type MetricSeries, type SystemHealth } from "./queries";
export { clearFailure, startSimulation, stopSimulation, triggerFailure } from "./runs";
export { activeFaultsAt, applyIntervention, CHECK_INTERVAL_MS, findRun, forecastWorld, runningRunsWith, runWorld, runWorldTime, type Intervention, type RunWorld } from "./interventions";
export { builtinScenarios, findBuiltinScenario } from "./scenarios";
export { deleteCustomScenario, getScenario, getWorkspaceWorld, listScenarios, resetTopology, saveCustomScenario, saveTopology } from "./store";
export { tickSimulations } from "./tick";
export { worldFor, type Metrics, type World } from "./world";
export * from "./shared";
