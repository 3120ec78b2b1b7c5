import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * A small stand-in for Pusher Channels, for tests: the HTTP trigger API (with the request signature
 * checked exactly as Pusher does) and the WebSocket protocol 7 that pusher-js speaks (connection,
 * ping, subscribe with auth for private and presence channels, member_added/member_removed, events).
 * It binds to 127.0.0.1 only. Not for production.
 */
export type StandInOptions = { appId: string; key: string; secret: string; port?: number };

export type PusherStandIn = {
  host: string;
  port: number;
  /** Trigger requests accepted and rejected (bad signature, stale timestamp, wrong key). */
  stats: { accepted: number; rejected: number; subscriptionsRefused: number };
  /** Drops every WebSocket connection (clients reconnect on their own). */
  dropConnections(): void;
  close(): Promise<void>;
};

type Socket = { id: string; ws: WebSocket; channels: Map<string, { userId?: string }> };
type Member = { userInfo: unknown; sockets: Set<string> };

function hmac(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startPusherStandIn(options: StandInOptions): Promise<PusherStandIn> {
  const sockets = new Map<string, Socket>();
  const presence = new Map<string, Map<string, Member>>();
  const stats = { accepted: 0, rejected: 0, subscriptionsRefused: 0 };
  let nextSocket = 1;

  const send = (s: Socket, message: { event: string; channel?: string; data: unknown }) => {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(message));
  };

  const deliver = (channel: string, event: string, data: string, exceptSocket?: string) => {
    for (const s of sockets.values()) {
      if (s.id !== exceptSocket && s.channels.has(channel)) send(s, { event, channel, data });
    }
  };

  const leave = (s: Socket, channel: string) => {
    const sub = s.channels.get(channel);
    if (!sub) return;
    s.channels.delete(channel);
    if (sub.userId === undefined) return;
    const members = presence.get(channel);
    const member = members?.get(sub.userId);
    if (!members || !member) return;
    member.sockets.delete(s.id);
    if (member.sockets.size === 0) {
      members.delete(sub.userId);
      deliver(channel, "pusher_internal:member_removed", JSON.stringify({ user_id: sub.userId }));
    }
  };

  const subscribe = (s: Socket, data: { channel?: string; auth?: string; channel_data?: string }) => {
    const channel = String(data.channel ?? "");
    const refuse = (error: string) => {
      stats.subscriptionsRefused++;
      send(s, { event: "pusher:subscription_error", channel, data: { type: "AuthError", error, status: 401 } });
    };
    if (channel.startsWith("private-") || channel.startsWith("presence-")) {
      const signed = channel.startsWith("presence-") ? `${s.id}:${channel}:${data.channel_data ?? ""}` : `${s.id}:${channel}`;
      const expected = `${options.key}:${hmac(options.secret, signed)}`;
      if (typeof data.auth !== "string" || !safeEqual(data.auth, expected)) return refuse("Invalid signature");
    }
    if (!channel.startsWith("presence-")) {
      s.channels.set(channel, {});
      send(s, { event: "pusher_internal:subscription_succeeded", channel, data: "{}" });
      return;
    }
    let info: { user_id?: unknown; user_info?: unknown };
    try {
      info = JSON.parse(data.channel_data ?? "");
    } catch {
      return refuse("Invalid channel_data");
    }
    if (typeof info.user_id !== "string" || info.user_id === "") return refuse("channel_data needs a user_id");
    const userId = info.user_id;
    let members = presence.get(channel);
    if (!members) presence.set(channel, (members = new Map()));
    const isNew = !members.has(userId);
    const member = members.get(userId) ?? { userInfo: info.user_info, sockets: new Set<string>() };
    member.sockets.add(s.id);
    members.set(userId, member);
    if (isNew) deliver(channel, "pusher_internal:member_added", JSON.stringify({ user_id: userId, user_info: info.user_info }), s.id);
    s.channels.set(channel, { userId });
    const hash = Object.fromEntries([...members].map(([id, m]) => [id, m.userInfo]));
    send(s, {
      event: "pusher_internal:subscription_succeeded",
      channel,
      data: JSON.stringify({ presence: { ids: Object.keys(hash), hash, count: members.size } }),
    });
  };

  const verifyTrigger = (req: http.IncomingMessage, body: string, path: string): boolean => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const params = Object.fromEntries(url.searchParams);
    const { auth_signature: signature, ...rest } = params;
    if (!signature || rest.auth_key !== options.key || rest.auth_version !== "1.0") return false;
    if (Math.abs(Date.now() / 1000 - Number(rest.auth_timestamp)) > 600) return false;
    if (body && rest.body_md5 !== createHash("md5").update(body).digest("hex")) return false;
    const query = Object.keys(rest)
      .sort()
      .map((k) => `${k}=${rest[k]}`)
      .join("&");
    return safeEqual(signature, hmac(options.secret, `${req.method}\n${path}\n${query}`));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 100_000) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://stand-in").pathname;
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const events = `/apps/${options.appId}/events`;
      const batch = `/apps/${options.appId}/batch_events`;
      if (req.method !== "POST" || (path !== events && path !== batch)) return reply(404, { error: "not found" });
      if (!verifyTrigger(req, body, path)) {
        stats.rejected++;
        return reply(401, { error: "Invalid signature" });
      }
      let parsed: { name?: string; channels?: string[]; channel?: string; data?: string; socket_id?: string; batch?: { name: string; channel: string; data: string; socket_id?: string }[] };
      try {
        parsed = JSON.parse(body);
      } catch {
        return reply(400, { error: "Invalid JSON" });
      }
      stats.accepted++;
      const items =
        path === batch
          ? (parsed.batch ?? [])
          : (parsed.channels ?? (parsed.channel ? [parsed.channel] : [])).map((channel) => ({ channel, name: parsed.name ?? "", data: parsed.data ?? "", socket_id: parsed.socket_id }));
      for (const item of items) deliver(item.channel, item.name, item.data, item.socket_id);
      reply(200, {});
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    if (path !== `/app/${options.key}`) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s: Socket = { id: `${nextSocket++}.${Math.floor(Math.random() * 1e6)}`, ws, channels: new Map() };
      sockets.set(s.id, s);
      send(s, { event: "pusher:connection_established", data: JSON.stringify({ socket_id: s.id, activity_timeout: 30 }) });
      ws.on("message", (raw) => {
        let message: { event?: string; data?: unknown };
        try {
          message = JSON.parse(String(raw));
        } catch {
          return;
        }
        const data = (typeof message.data === "string" ? safeParse(message.data) : message.data) as Record<string, string> | undefined;
        if (message.event === "pusher:ping") send(s, { event: "pusher:pong", data: {} });
        else if (message.event === "pusher:subscribe") subscribe(s, data ?? {});
        else if (message.event === "pusher:unsubscribe") leave(s, String(data?.channel ?? ""));
      });
      ws.on("close", () => {
        for (const channel of [...s.channels.keys()]) leave(s, channel);
        sockets.delete(s.id);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    stats,
    dropConnections() {
      for (const s of sockets.values()) s.ws.terminate();
    },
    async close() {
      for (const s of sockets.values()) s.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
