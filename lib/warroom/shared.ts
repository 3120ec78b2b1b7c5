/** The part of the war room that also runs in the browser: schemas, view types, pure helpers. */
import { z } from "zod";
import type { ActorKind, IncidentStatus } from "@/db/schema";

export const warRoomKinds = ["alert", "status", "chat", "note", "diagnosis", "agent", "change"] as const;
export type WarRoomKind = (typeof warRoomKinds)[number];
export const warRoomKindLabels: Record<WarRoomKind, string> = {
  alert: "Alerts",
  status: "Status",
  chat: "Chat",
  note: "Notes",
  diagnosis: "Diagnoses",
  agent: "Agent",
  change: "Changes",
};

export type Reactions = Record<string, string[]>;

/** One line of the merged timeline, oldest first. */
export type WarRoomItem = {
  id: string;
  kind: WarRoomKind;
  at: string;
  author: { kind: ActorKind | "persona" | "monitor"; id: string | null; name: string };
  body: string;
  /** Chat and alerts: the channel it was said in. */
  channel?: string;
  /** Chat: the message it answers (a thread), by id. */
  threadParentId?: string | null;
  mentions?: string[];
  reactions?: Reactions;
  /** Alerts: level; conversation alerts: severity and title. */
  level?: string;
  title?: string;
  fromStatus?: IncidentStatus | null;
  toStatus?: IncidentStatus;
  data?: Record<string, unknown>;
};

/** Who can be @mentioned: a member (with their user id, so a mention reaches their inbox) or an on-call group. */
export type Mentionable = { handle: string; label: string; kind: "member" | "group"; userId?: string };

export type WarRoomPayload = {
  items: WarRoomItem[];
  /** Channels a message can go to: the service's on-call channel first, then the incident's own. */
  channels: string[];
  incidentChannel: string;
  mentionables: Mentionable[];
};

export const REACTIONS = ["👀", "👍", "✅", "🔥", "🙏"] as const;

export const postMessageSchema = z.object({
  body: z.string({ error: "is required" }).trim().min(1, "is required").max(4000, "must be at most 4000 characters"),
  channel: z.string().trim().regex(/^#[a-z0-9][a-z0-9._-]{0,79}$/, "must be a channel like #checkout-oncall").optional(),
  threadParentId: z.string().uuid("is not a valid message id").nullish(),
});
export type PostMessageInput = z.input<typeof postMessageSchema>;

export const reactSchema = z.object({ emoji: z.enum(REACTIONS, { error: `must be one of ${REACTIONS.join(" ")}` }) });

/** The incident's own war-room channel, named as runbooks name war rooms: `#inc-2026-12-07-042`. */
export function incidentChannelName(createdAt: Date | string, number: number): string {
  const day = new Date(createdAt).toISOString().slice(0, 10);
  return `#inc-${day}-${String(number).padStart(3, "0")}`;
}

/** The default on-call channel and group of a service. */
export function serviceChannel(service: string): { channel: string; oncall_group: string } {
  const slug = service.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
  return { channel: `#${slug}-oncall`, oncall_group: `@${slug}-oncall` };
}

/** A member's @handle: the local part of their e-mail, else their name, lower-cased. */
export function memberHandle(m: { name: string | null; email?: string | null }): string {
  const base = m.email?.split("@")[0] ?? m.name ?? "member";
  return `@${base.toLowerCase().replace(/[^a-z0-9._-]+/g, ".").replace(/^\.+|\.+$/g, "") || "member"}`;
}

/** The @handles a message names that are known (members, on-call groups), in order, once each. */
export function parseMentions(body: string, known: Iterable<string>): string[] {
  const set = new Set([...known].map((k) => k.toLowerCase()));
  const out: string[] = [];
  for (const m of body.matchAll(/(^|[^\w@])(@[a-z0-9][a-z0-9._-]*)/gi)) {
    const handle = m[2].replace(/[._-]+$/, "").toLowerCase();
    if (set.has(handle) && !out.includes(handle)) out.push(handle);
  }
  return out;
}

/** The mention being typed at the end of `text` (after the caret), if any: `@che` → "che". */
export function mentionQuery(text: string): string | null {
  const m = /(^|\s)@([a-z0-9._-]*)$/i.exec(text);
  return m ? m[2].toLowerCase() : null;
}

/**
 * Merges the timeline's sources into one list, oldest first; on equal times the order the sources
 * were given (alerts, then status, then entries) and each source's own order hold.
 */
export function mergeTimeline(...sources: WarRoomItem[][]): WarRoomItem[] {
  return sources
    .flat()
    .map((item, i) => ({ item, i, t: new Date(item.at).getTime() }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ item }) => item);
}

/** Threads: each top-level item with every reply under it (replies to replies too), replies in time order. */
export function threadsOf(items: WarRoomItem[]): { item: WarRoomItem; replies: WarRoomItem[] }[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const rootOf = (item: WarRoomItem): WarRoomItem => {
    let cur = item;
    for (let hops = 0; cur.threadParentId && byId.has(cur.threadParentId) && hops < 50; hops++) cur = byId.get(cur.threadParentId)!;
    return cur;
  };
  const replies = new Map<string, WarRoomItem[]>();
  const top: WarRoomItem[] = [];
  for (const item of items) {
    const root = rootOf(item);
    if (root === item) top.push(item);
    else replies.set(root.id, [...(replies.get(root.id) ?? []), item]);
  }
  return top.map((item) => ({ item, replies: replies.get(item.id) ?? [] }));
}
