import type { ActorKind, Incident, IncidentStatus, IncidentStatusChange, SlaPolicy, TimelineEntry, TimelineKind } from "@/db/schema";
import { incidentKey } from "./incident-key";

/**
 * What the incident page reads, shaped for the browser: camelCase like the domain, dates as ISO
 * strings so the same JSON comes from the server render and from the refetch route.
 */
type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type IncidentDto = Omit<Jsonified<Incident>, "workspaceId"> & { key: string };

export type IncidentPayload = { incident: IncidentDto; slaPolicy: SlaPolicy };

/** One item of the incident's chronological feed: a status move or a timeline entry. */
export type FeedItem = {
  id: string;
  kind: "status" | TimelineKind;
  at: string;
  actor: { kind: ActorKind; id: string | null; name: string };
  body: string;
  data: Record<string, unknown>;
  fromStatus?: IncidentStatus | null;
  toStatus?: IncidentStatus;
  reason?: string | null;
  /** Timeline entries only: for conflict-safe note edits. */
  version?: number;
  editedAt?: string | null;
};

export type TimelinePayload = { items: FeedItem[] };

export function toIncidentDto(row: Incident): IncidentDto {
  const { workspaceId: _ws, ...rest } = row;
  const out: Record<string, unknown> = { key: incidentKey(row.number) };
  for (const [k, v] of Object.entries(rest)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out as IncidentDto;
}

function statusItem(h: IncidentStatusChange): FeedItem {
  return {
    id: `status-${h.id}`,
    kind: "status",
    at: h.createdAt.toISOString(),
    actor: { kind: h.actorKind, id: h.actorId, name: h.actorName },
    body: h.reason ?? "",
    data: {},
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    reason: h.reason,
  };
}

function entryItem(e: TimelineEntry): FeedItem {
  return {
    id: e.id,
    kind: e.kind,
    at: e.createdAt.toISOString(),
    actor: { kind: e.authorKind, id: e.authorId, name: e.authorName },
    body: e.body,
    data: e.data,
    version: e.version,
    editedAt: e.editedAt?.toISOString() ?? null,
  };
}

/** Status history and timeline entries in one feed, oldest first (status moves first on a tie). */
export function mergeFeed(history: IncidentStatusChange[], entries: TimelineEntry[]): FeedItem[] {
  const items = [...history.map(statusItem), ...entries.map(entryItem)];
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.at.localeCompare(b.item.at) || a.i - b.i)
    .map(({ item }) => item);
}
