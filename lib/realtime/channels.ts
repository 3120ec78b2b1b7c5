import { z } from "zod";
import { workspaceChannel } from "./events";

export { workspaceChannel };

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A presence room: the board, or one incident page. */
export const roomSchema = z.string().regex(new RegExp(`^(board|incident:${uuid.source})$`, "i"), 'must be "board" or "incident:<uuid>"');
export type Room = "board" | `incident:${string}`;

/** Pusher presence channel of a room. Channel names may not contain ":", so the room's colon becomes "-". */
export function presenceChannel(workspaceId: string, room: string): string {
  return `presence-workspace-${workspaceId}-${room.replace(":", "-")}`;
}

export type ParsedChannel = { kind: "workspace"; workspaceId: string } | { kind: "presence"; workspaceId: string; room: Room };

const workspacePattern = new RegExp(`^private-workspace-(${uuid.source})$`, "i");
const presencePattern = new RegExp(`^presence-workspace-(${uuid.source})-(board|incident-(${uuid.source}))$`, "i");

/** What a channel name refers to, or null for a channel the app never uses. */
export function parseChannel(name: string): ParsedChannel | null {
  const ws = workspacePattern.exec(name);
  if (ws) return { kind: "workspace", workspaceId: ws[1].toLowerCase() };
  const pr = presencePattern.exec(name);
  if (pr) {
    const room: Room = pr[2] === "board" ? "board" : `incident:${pr[3].toLowerCase()}`;
    return { kind: "presence", workspaceId: pr[1].toLowerCase(), room };
  }
  return null;
}
