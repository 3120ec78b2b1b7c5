/** What other features, routes and pages may use of runbooks. */
export { attachRunbook, tickChecklistItem } from "./attach";
export { runbookLibrary } from "./library";
export { ensureRunbookLibrary, getIncidentRunbooks, getRunbook, listRunbooks } from "./queries";
export { createRunbook, restoreRunbookVersion, updateRunbook } from "./write";
export * from "./shared";
