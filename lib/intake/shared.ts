/** The part of intake that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./schemas";
