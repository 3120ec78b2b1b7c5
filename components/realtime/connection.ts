"use client";

import { workspaceUrl } from "@/lib/api/client";
import type PusherClient from "pusher-js";
import type { PresenceChannel } from "pusher-js";
import type { RealtimeMessage } from "@/lib/realtime/shared";
import { presenceChannel } from "@/lib/realtime/shared";

/**
 * One live connection per workspace per tab, shared by the provider and the presence bars
 * (reference-counted), over the driver the server names in /api/workspaces/{slug}/realtime/config: server-sent events
 * (built-in) or pusher-js. Reconnects with backoff; after any gap it asks its listeners to refetch.
 */

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "unavailable";

export type PresenceMember = { id: string; kind: string; name: string; color: string | null };

export type RealtimeConfig = {
  driver: "builtin" | "pusher";
  workspaceId: string;
  channel: string;
  self: { kind: string; id: string | null; memberId: string; name: string; color: string | null };
  presenceHeartbeatMs: number;
  pusher?: { key: string; cluster: string; wsHost?: string; wsPort?: number; forceTLS: boolean };
};

export type ConnectionListener = {
  onMessage?: (message: RealtimeMessage) => void;
  /** Something may have been missed (first connect after a gap, a server-side LISTEN drop): refetch. */
  onResync?: () => void;
};

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;
/** The server pings every 15 s; silence for longer than this means the stream is dead. */
const SILENCE_LIMIT_MS = 40_000;

let pusherClients = new Map<string, Promise<PusherClient>>();

async function pusherFor(config: NonNullable<RealtimeConfig["pusher"]>, workspaceSlug: string): Promise<PusherClient> {
  // One client per workspace: each authorizes its channels at its own workspace's endpoint.
  const id = `${config.key}@${config.wsHost ?? config.cluster}:${config.wsPort ?? ""}/${workspaceSlug}`;
  let client = pusherClients.get(id);
  if (!client) {
    client = import("pusher-js").then(
      ({ default: Pusher }) =>
        new Pusher(config.key, {
          cluster: config.cluster,
          forceTLS: config.forceTLS,
          ...(config.wsHost ? { wsHost: config.wsHost, wsPort: config.wsPort, wssPort: config.wsPort, enabledTransports: ["ws", "wss"] } : {}),
          disableStats: true,
          channelAuthorization: { endpoint: workspaceUrl(workspaceSlug, "realtime", "pusher-auth"), transport: "ajax" },
        }),
    );
    pusherClients = new Map(pusherClients).set(id, client);
  }
  return client;
}

export class WorkspaceConnection {
  state: ConnectionState = "connecting";
  config: RealtimeConfig | null = null;
  private listeners = new Set<ConnectionListener>();
  private stateListeners = new Set<() => void>();
  private presenceSignals = new Set<(room: string) => void>();
  private configWaiters: ((c: RealtimeConfig) => void)[] = [];
  private source: EventSource | null = null;
  private pusherTeardown: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  private everConnected = false;
  private lastSeen = 0;
  private closed = false;

  constructor(readonly workspaceSlug: string) {}

  start(): void {
    window.addEventListener("offline", this.handleOffline);
    window.addEventListener("online", this.handleOnline);
    this.watchdog = setInterval(() => {
      if (this.source && this.state === "connected" && Date.now() - this.lastSeen > SILENCE_LIMIT_MS) this.lost();
    }, 5_000);
    void this.connect();
  }

  close(): void {
    this.closed = true;
    window.removeEventListener("offline", this.handleOffline);
    window.removeEventListener("online", this.handleOnline);
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.teardown();
  }

  listen(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(fn: () => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  /** The config, once the first request for it succeeded. */
  ready(): Promise<RealtimeConfig> {
    if (this.config) return Promise.resolve(this.config);
    return new Promise((resolve) => this.configWaiters.push(resolve));
  }

  /**
   * Follows the members of a room. Built-in: this tab's entry is renewed on a heartbeat and the list
   * refetched whenever the server signals a change. Pusher: a presence channel.
   */
  watchPresence(room: string, onMembers: (members: PresenceMember[]) => void): () => void {
    let stopped = false;
    let stop = () => {};
    void this.ready().then((config) => {
      if (stopped) return;
      stop = config.driver === "pusher" ? this.pusherPresence(config, room, onMembers) : this.builtinPresence(config, room, onMembers);
    });
    return () => {
      stopped = true;
      stop();
    };
  }

  private setState(state: ConnectionState) {
    if (this.state === state) return;
    this.state = state;
    for (const fn of this.stateListeners) fn();
  }

  private emit(fn: (l: ConnectionListener) => void) {
    for (const l of this.listeners) fn(l);
  }

  private connected() {
    this.attempt = 0;
    this.lastSeen = Date.now();
    const resumed = this.everConnected;
    this.everConnected = true;
    this.setState("connected");
    if (resumed) this.emit((l) => l.onResync?.());
  }

  private handleOffline = () => {
    this.teardown();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.setState(this.everConnected ? "reconnecting" : "connecting");
  };

  private handleOnline = () => {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.teardown();
    void this.connect();
  };

  private lost(slow = false) {
    this.teardown();
    if (this.closed) return;
    if (!slow) this.setState(this.everConnected ? "reconnecting" : "connecting");
    const base = slow ? 30_000 : Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempt);
    this.attempt++;
    // Jitter spreads a whole office of tabs reconnecting after a deploy.
    const delay = base / 2 + Math.random() * (base / 2);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private teardown() {
    this.source?.close();
    this.source = null;
    this.pusherTeardown?.();
    this.pusherTeardown = null;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let config: RealtimeConfig;
    try {
      const res = await fetch(workspaceUrl(this.workspaceSlug, "realtime", "config"), { cache: "no-store" });
      if (!res.ok) throw new HttpError(res.status);
      config = (await res.json()) as RealtimeConfig;
    } catch (e) {
      if (this.closed) return;
      // Not allowed (signed out, not a member): say so, and look again only now and then.
      if (e instanceof HttpError && e.status >= 400 && e.status < 500) {
        this.setState("unavailable");
        this.lost(true);
      } else this.lost();
      return;
    }
    if (this.closed) return;
    this.config = config;
    for (const resolve of this.configWaiters.splice(0)) resolve(config);
    if (config.driver === "pusher" && config.pusher) await this.openPusher(config);
    else this.openStream();
  }

  private openStream() {
    this.teardown();
    const source = new EventSource(workspaceUrl(this.workspaceSlug, "realtime", "stream"));
    this.source = source;
    const seen = () => (this.lastSeen = Date.now());
    source.addEventListener("ready", () => this.connected());
    source.addEventListener("ping", seen);
    source.addEventListener("message", (e) => {
      seen();
      this.emit((l) => l.onMessage?.(JSON.parse((e as MessageEvent<string>).data) as RealtimeMessage));
    });
    source.addEventListener("presence", (e) => {
      seen();
      const { room } = JSON.parse((e as MessageEvent<string>).data) as { room: string };
      for (const fn of this.presenceSignals) fn(room);
    });
    source.addEventListener("resync", () => {
      seen();
      this.emit((l) => l.onResync?.());
    });
    // EventSource would retry on its own at a fixed pace; we back off and refetch config instead.
    source.onerror = () => {
      if (this.source === source) this.lost();
    };
  }

  private async openPusher(config: RealtimeConfig) {
    this.teardown();
    const client = await pusherFor(config.pusher!, this.workspaceSlug);
    const channel = client.subscribe(config.channel);
    const onMessage = (m: RealtimeMessage) => this.emit((l) => l.onMessage?.(m));
    const onSubscribed = () => this.connected();
    const onError = () => this.setState("unavailable");
    const onStateChange = ({ current }: { current: string }) => {
      // pusher-js reconnects (with its own backoff) and resubscribes; subscription_succeeded follows.
      if (current !== "connected" && this.everConnected) this.setState("reconnecting");
    };
    channel.bind("message", onMessage);
    channel.bind("pusher:subscription_succeeded", onSubscribed);
    channel.bind("pusher:subscription_error", onError);
    client.connection.bind("state_change", onStateChange);
    if (channel.subscribed) onSubscribed();
    this.pusherTeardown = () => {
      channel.unbind("message", onMessage);
      channel.unbind("pusher:subscription_succeeded", onSubscribed);
      channel.unbind("pusher:subscription_error", onError);
      client.connection.unbind("state_change", onStateChange);
      client.unsubscribe(config.channel);
    };
  }

  private builtinPresence(config: RealtimeConfig, room: string, onMembers: (members: PresenceMember[]) => void): () => void {
    const connectionId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const endpoint = workspaceUrl(this.workspaceSlug, "realtime", "presence");
    const body = (action: "join" | "leave") => JSON.stringify({ room, connectionId, action });
    let active = true;
    const join = async () => {
      try {
        const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: body("join") });
        if (res.ok && active) onMembers(((await res.json()) as { members: PresenceMember[] }).members);
      } catch {
        // Offline: the next heartbeat or reconnect tries again.
      }
    };
    const refresh = async () => {
      try {
        const res = await fetch(`${endpoint}?room=${encodeURIComponent(room)}`, { cache: "no-store" });
        if (res.ok && active) onMembers(((await res.json()) as { members: PresenceMember[] }).members);
      } catch {
        // Same as above.
      }
    };
    const onSignal = (changed: string) => {
      if (changed === room) void refresh();
    };
    const leave = () => navigator.sendBeacon?.(endpoint, new Blob([body("leave")], { type: "application/json" }));
    this.presenceSignals.add(onSignal);
    // Back after a gap: our entry may have expired meanwhile.
    const unlisten = this.listen({ onResync: () => void join() });
    const heartbeat = setInterval(() => void join(), config.presenceHeartbeatMs);
    window.addEventListener("pagehide", leave);
    void join();
    return () => {
      active = false;
      clearInterval(heartbeat);
      unlisten();
      this.presenceSignals.delete(onSignal);
      window.removeEventListener("pagehide", leave);
      void fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: body("leave"), keepalive: true }).catch(() => {});
    };
  }

  private pusherPresence(config: RealtimeConfig, room: string, onMembers: (members: PresenceMember[]) => void): () => void {
    const name = presenceChannel(config.workspaceId, room);
    let teardown = () => {};
    let stopped = false;
    void pusherFor(config.pusher!, this.workspaceSlug).then((client) => {
      if (stopped) return;
      const channel = client.subscribe(name) as PresenceChannel;
      const publishMembers = () => {
        const list: PresenceMember[] = [];
        channel.members.each((m: { id: string; info?: { name?: string; color?: string | null; kind?: string } }) =>
          list.push({ id: m.id, name: m.info?.name ?? "Someone", color: m.info?.color ?? null, kind: m.info?.kind ?? "user" }),
        );
        onMembers(list.sort((a, b) => a.name.localeCompare(b.name)));
      };
      for (const event of ["pusher:subscription_succeeded", "pusher:member_added", "pusher:member_removed"]) channel.bind(event, publishMembers);
      teardown = () => {
        for (const event of ["pusher:subscription_succeeded", "pusher:member_added", "pusher:member_removed"]) channel.unbind(event, publishMembers);
        client.unsubscribe(name);
      };
    });
    return () => {
      stopped = true;
      teardown();
    };
  }
}

/* ---- the per-tab registry, so every component of a workspace shares one connection ---- */

const registry = new Map<string, { connection: WorkspaceConnection; refs: number; closeTimer?: ReturnType<typeof setTimeout> }>();
const registryListeners = new Set<() => void>();

function registryChanged() {
  for (const fn of registryListeners) fn();
}

export function acquireConnection(workspaceSlug: string): { connection: WorkspaceConnection; release: () => void } {
  let entry = registry.get(workspaceSlug);
  if (!entry) {
    const connection = new WorkspaceConnection(workspaceSlug);
    entry = { connection, refs: 0 };
    registry.set(workspaceSlug, entry);
    connection.onState(registryChanged);
    connection.start();
    registryChanged();
  }
  const held = entry;
  if (held.closeTimer) clearTimeout(held.closeTimer);
  held.refs++;
  let released = false;
  return {
    connection: held.connection,
    release: () => {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs > 0) return;
      // A short grace period: a page transition or a strict-mode remount keeps the connection.
      held.closeTimer = setTimeout(() => {
        if (held.refs > 0) return;
        held.connection.close();
        registry.delete(workspaceSlug);
        registryChanged();
      }, 2_000);
    },
  };
}

/** The state shown to the user: the worst across this tab's connections ("connected" when there are none). */
export function overallState(): ConnectionState {
  const states = [...registry.values()].map((e) => e.connection.state);
  for (const s of ["unavailable", "reconnecting", "connecting"] as const) if (states.includes(s)) return s;
  return "connected";
}

export function subscribeOverallState(fn: () => void): () => void {
  registryListeners.add(fn);
  return () => registryListeners.delete(fn);
}
