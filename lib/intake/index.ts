/** What other features, routes and pages may use of intake. */
export { parseAlertmanager } from "./alert-formats";
export { deleteDeadLetter, getDeadLetter, listDeadLetters, replayDeadLetter } from "./dead-letters";
export { intakeEndpoints, processIntake, senders, type IntakeEndpoint } from "./senders";
export { getIncidentEventPayload, type IncidentEventItem, incidentEventsView, type IncidentEventsView, type IncidentSignalItem, listIncidentEvents } from "./incident-events";
export { ingestEvents, parseEvents } from "./ingest-events";
export { listEventsForIncident } from "./queries";
export { recordDeadLetter } from "./dead-letters";
export { DEFAULT_RULE, deleteRule, listRules, loadRules, saveRule } from "./rules";
export * from "./shared";
