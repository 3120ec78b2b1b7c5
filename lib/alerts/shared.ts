/** The part of alerts that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./schemas";
export * from "./view";
export { recurrences, type Recurrence, type SilenceMatcher, type SuppressionKind } from "@/db/schema/alerts";
