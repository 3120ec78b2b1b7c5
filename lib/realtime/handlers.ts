import { z } from "zod";
import type { Database } from "@/db/client";
import { json, readBody, parseJson } from "@/lib/api/http";
import { assertSameOrigin } from "@/lib/auth/origin";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/result";
import { authorizeWorkspace, memberOf, stillAllowed } from "./authorize";
import { sseResponse } from "./builtin/sse";
import { parseChannel, presenceChannel, roomSchema } from "./channels";
import { workspaceChannel } from "./events";
import { installRealtime } from "./install";
import { joinPresence, leavePresence, listPresence, PRESENCE_HEARTBEAT_MS } from "./presence";
import { pusherClientConfig, pusherConfig } from "./pusher/config";
import { createPusherClient } from "./pusher/pusher-driver";

/**
 * The logic of the /api/realtime/* routes, kept here so that routes stay one-liners and tests call
 * the same code without a server.
 */

const workspaceParam = z.object({ workspace: z.string().min(1).max(64) });

function query(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** GET /api/realtime/config?workspace=<slug>: which driver, which channel, who am I. */
export async function realtimeConfig(db: Database, request: Request): Promise<Response> {
  const { workspace: slug } = parseInput(workspaceParam, query(request));
  const { actor, workspace } = await authorizeWorkspace(db, { slug });
  const driver = await installRealtime();
  const pusher = pusherConfig(env());
  const self = memberOf(actor);
  return json(
    {
      driver: driver.name === "pusher" ? "pusher" : "builtin",
      workspace_id: workspace.id,
      channel: workspaceChannel(workspace.id),
      self: { kind: actor.kind, id: actor.id, member_id: self.memberId, name: self.name, color: self.color },
      presence_heartbeat_ms: PRESENCE_HEARTBEAT_MS,
      ...(driver.name === "pusher" && pusher ? { pusher: pusherClientConfig(pusher) } : {}),
    },
    { headers: { "cache-control": "no-store" } },
  );
}

/** GET /api/realtime/stream?workspace=<slug>: the built-in driver's server-sent events. */
export async function realtimeStream(db: Database, request: Request): Promise<Response> {
  const { workspace: slug } = parseInput(workspaceParam, query(request));
  const { actor, workspace } = await authorizeWorkspace(db, { slug });
  const driver = await installRealtime();
  if (driver.name === "pusher") {
    throw new AppError("not_found:realtime_stream", "Live updates go through Pusher on this server; see /api/realtime/config.");
  }
  return sseResponse({ workspaceId: workspace.id, signal: request.signal, recheck: () => stillAllowed(db, actor, workspace) });
}

/** GET /api/realtime/presence?workspace=<slug>&room=<room>: who is in the room. */
export async function presenceList(db: Database, request: Request): Promise<Response> {
  const input = parseInput(workspaceParam.extend({ room: roomSchema }), query(request));
  const { workspace } = await authorizeWorkspace(db, { slug: input.workspace });
  return json({ room: input.room, members: await listPresence(db, workspace.id, input.room) }, { headers: { "cache-control": "no-store" } });
}

const presenceBody = z.object({
  workspace: z.string().min(1).max(64),
  room: roomSchema.optional(),
  connection_id: z.string(),
  action: z.enum(["join", "leave"]).default("join"),
});

/**
 * POST /api/realtime/presence {workspace, room, connection_id, action}: join or renew ("join", the
 * default; answers with the members) or leave (also sent by navigator.sendBeacon on page hide).
 */
export async function presenceUpdate(db: Database, request: Request): Promise<Response> {
  // Cookie-authenticated write: another site must not join or remove the visitor (CSRF).
  assertSameOrigin(request);
  const body = parseInput(presenceBody, parseJson(await readBody(request, 4096)));
  const { actor } = await authorizeWorkspace(db, { slug: body.workspace });
  if (body.action === "leave") {
    await leavePresence(db, actor, { connectionId: body.connection_id });
    return json({ ok: true });
  }
  if (!body.room) throw new AppError("unprocessable:presence", "A room is needed to join.", { issues: [{ path: "room", message: "is required" }] });
  const members = await joinPresence(db, actor, { room: body.room, connectionId: body.connection_id });
  return json({ room: body.room, members });
}

const pusherAuthBody = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "must look like 1234.5678"),
  channel_name: z.string().min(1).max(200),
});

/**
 * POST /api/realtime/pusher/auth (form or JSON {socket_id, channel_name}): signs a subscription to a
 * workspace's private channel or one of its presence rooms, for members of that workspace only.
 */
export async function pusherAuth(db: Database, request: Request): Promise<Response> {
  const config = pusherConfig(env());
  if (!config) throw new AppError("not_found:pusher", "Pusher is not configured on this server.");
  // Cookie-authenticated POST like presence: only our own pages may ask for a signature.
  assertSameOrigin(request);
  const text = await readBody(request, 4096);
  const raw = (request.headers.get("content-type") ?? "").includes("json")
    ? parseJson(text)
    : Object.fromEntries(new URLSearchParams(text));
  const { socket_id: socketId, channel_name: channelName } = parseInput(pusherAuthBody, raw);
  const channel = parseChannel(channelName);
  if (!channel) {
    throw new AppError("forbidden:channel", "Unknown channel.", { issues: [{ path: "channel_name", message: "is not a Firedrill channel" }] });
  }
  const { actor } = await authorizeWorkspace(db, { id: channel.workspaceId });
  const pusher = createPusherClient(config);
  if (channel.kind === "workspace") return json(pusher.authorizeChannel(socketId, channelName));
  const member = memberOf(actor);
  // Re-derive the name so a room in a different spelling cannot slip through.
  if (presenceChannel(channel.workspaceId, channel.room) !== channelName) throw new AppError("forbidden:channel", "Unknown channel.");
  return json(
    pusher.authorizeChannel(socketId, channelName, {
      user_id: member.memberId,
      user_info: { name: member.name, color: member.color, kind: member.kind },
    }),
  );
}
