import type { Recurrence, SilenceMatcher, SuppressionKind } from "@/db/schema/alerts";
import type { SignalState } from "./schemas";

/** One row of the alerts list, shaped for the screen (camelCase, times as ISO strings). */
export type SignalItem = {
  /** Unique across kinds: `a:` alert signal, `s:` held by a silence or window, `i:` an intake key's incident. */
  id: string;
  source: string;
  signalKey: string;
  service: string;
  title: string;
  state: SignalState;
  labels: Record<string, string>;
  firstSeenAt: string;
  lastSeenAt: string;
  notifications: number;
  incident: { id: string; number: number; title: string } | null;
  suppressedBy: { kind: SuppressionKind; id: string | null } | null;
};

export type SignalPage = { items: SignalItem[]; nextCursor: string | null };

export type SilenceView = {
  id: string;
  matcher: SilenceMatcher;
  startsAt: string;
  endsAt: string;
  reason: string;
  state: "active" | "pending" | "expired";
  createdBy: string;
  createdAt: string;
  expiredAt: string | null;
};

export type MaintenanceWindowView = {
  id: string;
  services: string[];
  startsAt: string;
  endsAt: string;
  recurrence: Recurrence;
  recurrenceUntil: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
  /** The occurrence holding now, if any. */
  activeNow: { start: string; end: string } | null;
  /** The next occurrence to start, if any. */
  next: { start: string; end: string } | null;
};

/** A silence's matcher in one line: `service=checkout alertname=HighLatency source=alertmanager "timeout"`. */
export function describeMatcher(m: SilenceMatcher): string {
  const parts: string[] = [];
  if (m.service) parts.push(`service=${m.service}`);
  if (m.source) parts.push(`source=${m.source}`);
  for (const [k, v] of Object.entries(m.labels ?? {})) parts.push(`${k}=${v}`);
  if (m.text) parts.push(`"${m.text}"`);
  return parts.join(" ");
}
