/** The part of realtime that also runs in the browser (no database, no server-only code). */
export { presenceChannel } from "./channels";
export { type RealtimeEvent, type RealtimeMessage } from "./events";
