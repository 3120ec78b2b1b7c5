import type { Env } from "@/env";

export type PusherServerConfig = {
  appId: string;
  key: string;
  secret: string;
  cluster: string;
  host?: string;
  port?: string;
  useTLS: boolean;
};

/** Pusher settings when all four required variables are set; otherwise the built-in driver runs. */
export function pusherConfig(e: Env): PusherServerConfig | null {
  if (!e.PUSHER_APP_ID || !e.PUSHER_KEY || !e.PUSHER_SECRET || !e.PUSHER_CLUSTER) return null;
  // A self-hosted, Pusher-compatible server speaks plain HTTP/WS unless it listens on 443.
  const useTLS = !e.PUSHER_HOST || e.PUSHER_PORT === undefined || e.PUSHER_PORT === "443";
  return {
    appId: e.PUSHER_APP_ID,
    key: e.PUSHER_KEY,
    secret: e.PUSHER_SECRET,
    cluster: e.PUSHER_CLUSTER,
    host: e.PUSHER_HOST,
    port: e.PUSHER_PORT,
    useTLS,
  };
}

/** What browsers need to connect with pusher-js (never the secret). */
export type PusherClientConfig = { key: string; cluster: string; wsHost?: string; wsPort?: number; forceTLS: boolean };

export function pusherClientConfig(c: PusherServerConfig): PusherClientConfig {
  return {
    key: c.key,
    cluster: c.cluster,
    ...(c.host ? { wsHost: c.host, wsPort: c.port ? Number(c.port) : undefined } : {}),
    forceTLS: c.useTLS,
  };
}
