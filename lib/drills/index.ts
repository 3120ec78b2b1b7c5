/** What other features, routes and pages may use of drills (game days). */
export { acceptDrillDiagnosis, createDrill, endDrill, injectDrillFault, startDrill } from "./drills";
export { drillLeaderboard, getDrillPage, getDrillView, listDrills } from "./queries";
export { debriefText, scoreDrill } from "./scoring";
export * from "./shared";
