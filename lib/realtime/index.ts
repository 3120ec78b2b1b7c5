/** What other features, routes and pages may use of realtime. */
export { createHub, type Hub } from "./builtin/hub";
export { createLocalDriver } from "./builtin/local-driver";
export { createNotifyDriver } from "./builtin/notify-driver";
export { sseResponse } from "./builtin/sse";
export { type RealtimeDriver } from "./driver";
export { localBus, publish, publishAll, setRealtimeDriver } from "./publish";
export { readSse } from "./testing/sse-reader";
export * from "./shared";
export { installRealtime } from "./install";
export { joinPresence, leavePresence, listPresence, PRESENCE_HEARTBEAT_MS } from "./presence";
export { memberOf } from "./presence-identity";
export { pusherClientConfig, pusherConfig } from "./pusher/config";
export { createPusherClient } from "./pusher/pusher-driver";
