/** The part of auth that also runs in the browser (no database, no server-only code). */
export { type Actor, apiKeyScopes, systemActor } from "./actor";
