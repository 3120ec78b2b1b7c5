/** The part of simulation that also runs in the browser (no database, no server-only code). */
export { allFaults, listScenariosSchema, patternTypes, scenarioSchema, type StartSimulationInput, unknownServices } from "./schemas";
export { serializeScenario, serializeScenarioSummary, simulationView, type SimulationView } from "./serialize";
