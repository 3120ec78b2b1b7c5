/** The part of incidents that also runs in the browser (no database, no server-only code). */
export { boardSearchParams, loadBoardSearchParams, serializeBoardSearchParams } from "./board-search-params";
export { type BoardCardView, type BoardColumnId, boardColumns, type BoardFilterValues, type BoardView, columnOf, type FacetsView, hasActiveFilters, normalizeFilters, type OpenStatus, severityOptions, toBoardView } from "./board-view";
export { type FeedItem, type IncidentDto, type IncidentPayload, type TimelinePayload, toIncidentDto } from "./incident-dto";
export { incidentKey } from "./incident-key";
export { boardFiltersSchema, type ChangeStatusInput, type CreateIncidentInput, createIncidentSchema, incidentIdSchema, listIncidentsSchema, type UpdateIncidentInput } from "./schemas";
export { computeSla, DEFAULT_SLA_POLICY, describeClock, formatMinutes, type SlaClock } from "./sla";
