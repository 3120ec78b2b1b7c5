/** The part of agent that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./catalog";
export * from "./schemas";
export * from "./view";
export { canTransition, transitions } from "./state";
export { riskLevel } from "./risk";
export { planStatuses, riskLevels, type PlanStatus, type RiskLevel } from "@/db/schema/agent";
