/** The part of incidents that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./schemas";
export * from "./board-view";
export * from "./board-search-params";
export * from "./incident-dto";
export * from "./incident-key";
export * from "./sla";
