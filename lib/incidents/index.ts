/** What other features, routes and pages may use of incidents. */
export { applyStatusChange, changeIncidentStatus } from "./change-status";
export { createIncident, insertIncident } from "./create-incident";
export { deleteIncident } from "./delete-incident";
export { loadIncidentPayload, loadTimelinePayload } from "./incident-view";
export { addNote, editNote } from "./notes";
export { findIncident, getBoard, getIncidentById, getIncidentFacets, getStatusHistory, getTimeline, listIncidents, searchIncidents, type IncidentSearchHit } from "./queries";
export { updateSlaPolicy } from "./sla-settings";
export { appendTimelineEntry } from "./timeline";
export { applyIncidentEdit, updateIncident } from "./update-incident";
export * from "./shared";
