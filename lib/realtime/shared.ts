/** The part of realtime that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./events";
export * from "./channels";
