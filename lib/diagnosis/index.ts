/** What other features, routes and pages may use of diagnosis. */
export { prepareDiagnosis, runDiagnosis, streamDiagnosis } from "./diagnose";
export { holdoutIncidents } from "./eval/holdout";
export { abstainIncidents, realisticIncidents } from "./eval/realistic";
export { type EvalRow, evaluate, summarise } from "./eval/run-eval";
export { builtInScenarios, type EvalScenario } from "./eval/scenarios";
export { causesForRootCause, fromSimulationCatalog, knownCauses } from "./eval/simulation-adapter";
export { skipReason } from "./chain";
export { resolveProviders, type ProviderEntry } from "./providers";
export { buildSignals, type IncidentSignals } from "./signals";
export { listDiagnoses, listIncidentDiagnoses, type SavedDiagnosis } from "./queries";
export * from "./shared";
