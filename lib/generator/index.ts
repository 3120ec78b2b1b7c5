/** What other features, routes and pages may use of the incident generator. */
export { applyGenerate, afterGenerated, generateIncident, generatorActor, type Generated } from "./generate";
export { GENERATOR_JOB, runGenerator, type GeneratorJobReport } from "./jobs";
export { cancelBatch, getGeneratorStatus, lockGenerator, readGenerator, scheduleBatch, startGenerator, statusView, stopGenerator, updateGeneratorSettings, workspaceTemplates } from "./settings";
export { composeIncident, chooseTemplate, nextDelayMs } from "./compose";
export * from "./shared";
