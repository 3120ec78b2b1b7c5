/** What other features, routes and pages may use of realtime. */
export { createHub, type Hub } from "./builtin/hub";
export { createLocalDriver } from "./builtin/local-driver";
export { createNotifyDriver } from "./builtin/notify-driver";
export { sseResponse } from "./builtin/sse";
export { authorizePusherChannel, openEventStream, realtimeConfig, roomMembers, updatePresence } from "./client-api";
export { type RealtimeDriver } from "./driver";
export { localBus, publish, publishAll, setRealtimeDriver } from "./publish";
export { readSse } from "./testing/sse-reader";
export * from "./shared";
