/** The part of diagnosis that also runs in the browser (no database, no server-only code): all of it is public. */
export * from "./schema";
