/** What other features, routes and pages may use of alerts (silences, maintenance windows, the alerts list). */
export { listSignals } from "./signals";
export { similarIncidents, type SimilarIncident } from "./similar";
export { createSilence, expireSilence, listSilences, silenceView } from "./silences";
export {
  activeMaintenanceWindows,
  AFTER_MAINTENANCE_MS,
  createMaintenanceWindow,
  deleteMaintenanceWindow,
  listMaintenanceWindows,
  maintenanceEndedBefore,
  maintenanceNoteForIncident,
  maintenanceWindowView,
} from "./maintenance";
export {
  forgetSuppressions,
  loadSuppressions,
  recordSuppressedSignals,
  silenceMatches,
  suppressionsOf,
  windowOccurrenceAt,
  type SignalFacts,
  type SuppressedBy,
  type SuppressedSignalInput,
  type Suppressions,
} from "./suppression";
export * from "./shared";
