/** What other features, routes and pages may use of diagnosis. */
export { prepareDiagnosis, runDiagnosis, streamDiagnosis } from "./diagnose";
export { holdoutIncidents } from "./eval/holdout";
export { abstainIncidents, realisticIncidents } from "./eval/realistic";
export { type EvalRow, evaluate, summarise } from "./eval/run-eval";
export { builtInScenarios, type EvalScenario } from "./eval/scenarios";
export { FIRST_TOKEN_TIMEOUT_MS, readJsonAnswer, skipReason, SkipProvider, streamModelText, TOTAL_TIMEOUT_MS } from "./model-stream";
export { localLanguageModel, type LocalModelOptions } from "./local-model";
export { causesForRootCause, fromSimulationCatalog, knownCauses } from "./eval/simulation-adapter";
export { resolveProviders, type ProviderEntry } from "./providers";
export { buildSignals, type IncidentSignals } from "./signals";
export { listDiagnoses, listIncidentDiagnoses, type SavedDiagnosis } from "./queries";
export * from "./shared";
