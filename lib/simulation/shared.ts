/** The part of simulation that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./schemas";
export * from "./serialize";
