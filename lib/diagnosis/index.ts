/** What other features, routes and pages may use of diagnosis. */
export { prepareDiagnosis, runDiagnosis, streamDiagnosis } from "./diagnose";
export { holdoutIncidents } from "./eval/holdout";
export { abstainIncidents, realisticIncidents } from "./eval/realistic";
export { type EvalRow, evaluate, summarise } from "./eval/run-eval";
export { builtInScenarios, type EvalScenario } from "./eval/scenarios";
export { fromSimulationCatalog } from "./eval/simulation-adapter";
export { resolveProviders } from "./providers";
export { listDiagnoses, listIncidentDiagnoses, type SavedDiagnosis } from "./queries";
export * from "./shared";
