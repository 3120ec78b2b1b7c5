/** The part of workspaces that also runs in the browser (no database, no server-only code). */
export { slugify } from "./schemas";
