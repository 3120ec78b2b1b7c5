import { z } from "zod";
import type { Database } from "@/db/client";
import { env } from "@/env";
import { stillAllowed, type Caller } from "@/lib/api/caller";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/result";
import { memberOf } from "@/lib/realtime";
import { sseResponse } from "@/lib/realtime";
import { parseChannel, presenceChannel, roomSchema } from "@/lib/realtime/shared";
import { workspaceChannel } from "@/lib/realtime/shared";
import { installRealtime } from "@/lib/realtime";
import { joinPresence, leavePresence, listPresence, PRESENCE_HEARTBEAT_MS } from "@/lib/realtime";
import { pusherClientConfig, pusherConfig } from "@/lib/realtime";
import { createPusherClient } from "@/lib/realtime";

/**
 * What the browser's realtime client asks of the server, for a caller already allowed to read the
 * workspace (the routes under /api/workspaces/{slug}/realtime/ resolve it).
 */

/** Which driver, which channel, who am I. */
export async function realtimeConfig(caller: Caller) {
  const { actor, workspace } = caller;
  const driver = await installRealtime();
  const pusher = pusherConfig(env());
  const self = memberOf(actor);
  return {
    driver: driver.name === "pusher" ? ("pusher" as const) : ("builtin" as const),
    workspaceId: workspace.id,
    channel: workspaceChannel(workspace.id),
    self: { kind: actor.kind, id: actor.id, memberId: self.memberId, name: self.name, color: self.color },
    presenceHeartbeatMs: PRESENCE_HEARTBEAT_MS,
    ...(driver.name === "pusher" && pusher ? { pusher: pusherClientConfig(pusher) } : {}),
  };
}

/**
 * The built-in driver's server-sent events for the workspace, until the client goes away or the
 * caller loses access (checked again on heartbeats).
 */
export async function openEventStream(db: Database, caller: Caller, signal: AbortSignal): Promise<Response> {
  const driver = await installRealtime();
  if (driver.name === "pusher") {
    throw new AppError("not_found:realtime_stream", "Live updates go through Pusher on this server; see the realtime config.");
  }
  return sseResponse({ workspaceId: caller.workspace.id, signal, recheck: () => stillAllowed(db, caller) });
}

export async function roomMembers(db: Database, caller: Caller, room: unknown) {
  const name = parseInput(roomSchema, room);
  return { room: name, members: await listPresence(db, caller.workspace.id, name) };
}

const presenceInput = z.object({
  room: roomSchema.optional(),
  connectionId: z.string().min(1).max(100),
  action: z.enum(["join", "leave"]).default("join"),
});

/** Join or renew presence in a room ("join", answers with the members) or leave it. */
export async function updatePresence(db: Database, caller: Caller, input: unknown) {
  const body = parseInput(presenceInput, input);
  if (body.action === "leave") {
    await leavePresence(db, caller.actor, { connectionId: body.connectionId });
    return { ok: true as const };
  }
  if (!body.room) throw new AppError("unprocessable:presence", "A room is needed to join.", { issues: [{ path: "room", message: "is required" }] });
  return { room: body.room, members: await joinPresence(db, caller.actor, { room: body.room, connectionId: body.connectionId }) };
}

const pusherAuthInput = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "must look like 1234.5678"),
  channel_name: z.string().min(1).max(200),
});

/**
 * Signs a Pusher subscription to the caller's workspace channel or one of its presence rooms; any
 * other channel (another workspace's included) is refused.
 */
export function authorizePusherChannel(caller: Caller, input: unknown) {
  const config = pusherConfig(env());
  if (!config) throw new AppError("not_found:pusher", "Pusher is not configured on this server.");
  const { socket_id: socketId, channel_name: channelName } = parseInput(pusherAuthInput, input);
  const channel = parseChannel(channelName);
  if (!channel || channel.workspaceId !== caller.workspace.id) {
    throw new AppError("forbidden:channel", "Unknown channel.", { issues: [{ path: "channel_name", message: "is not a channel of this workspace" }] });
  }
  const pusher = createPusherClient(config);
  if (channel.kind === "workspace") return pusher.authorizeChannel(socketId, channelName);
  // Re-derive the name so a room in a different spelling cannot slip through.
  if (presenceChannel(channel.workspaceId, channel.room) !== channelName) throw new AppError("forbidden:channel", "Unknown channel.");
  const member = memberOf(caller.actor);
  return pusher.authorizeChannel(socketId, channelName, { user_id: member.memberId, user_info: { name: member.name, color: member.color, kind: member.kind } });
}
