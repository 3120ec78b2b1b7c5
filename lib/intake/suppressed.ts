import type { Database } from "@/db/client";
import { recordSuppressedSignals, type SuppressedBy, type Suppressions } from "@/lib/alerts";
import type { NormalizedAlert, AlertGroup } from "./alert-groups";
import { insertEvents, type NormalizedEvent } from "./write-path";

/**
 * Silences and maintenance windows (lib/alerts) in the write path: a signal they hold is recorded —
 * its event unlinked, its row in the alerts list — and goes no further: it counts towards no
 * threshold, opens no incident, attaches to none, pages nobody.
 */

/** String attributes of an event, as the labels a silence matches. */
function attributeLabels(attributes: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (typeof v === "string") out[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}

function eventSignalKey(e: NormalizedEvent): string {
  if (e.fingerprint) return `fp:${e.fingerprint}`;
  if (e.dedupKey) return `dk:${e.dedupKey}`;
  return `svc:${e.service}`;
}

/** The events a silence or window holds, by event id (nothing when the workspace has none). */
export function heldEvents(suppressions: Suppressions, events: NormalizedEvent[]): Map<string, SuppressedBy> {
  const held = new Map<string, SuppressedBy>();
  if (suppressions.empty) return held;
  for (const e of events) {
    const by = suppressions.match({ source: e.source, service: e.service, labels: attributeLabels(e.attributes), text: e.message, at: e.timestamp });
    if (by) held.set(e.id, by);
  }
  return held;
}

/** Writes held events (unlinked) and their signals' rows, in the caller's transaction. */
export async function writeHeldEvents(tx: Database, workspaceId: string, events: NormalizedEvent[], held: Map<string, SuppressedBy>): Promise<void> {
  if (events.length === 0) return;
  for (const e of events) e.incidentId = null;
  await Promise.all([
    insertEvents(tx, workspaceId, events),
    recordSuppressedSignals(
      tx,
      workspaceId,
      events.map((e) => ({
        source: e.source,
        signalKey: eventSignalKey(e),
        service: e.service,
        title: e.message.slice(0, 500),
        level: e.level,
        labels: attributeLabels(e.attributes),
        by: held.get(e.id)!,
        at: e.timestamp,
      })),
    ),
  ]);
}

/**
 * The firing alerts of a notification a silence or window holds, by fingerprint. Resolved alerts
 * are never held: they open nothing, and an incident an alert opened before the silence still hears
 * that it ended.
 */
export function heldAlerts(
  suppressions: Suppressions,
  group: AlertGroup,
  facts: (a: NormalizedAlert) => { service: string; text: string },
  now: Date,
): Map<string, SuppressedBy> {
  const held = new Map<string, SuppressedBy>();
  if (suppressions.empty) return held;
  for (const a of group.alerts) {
    if (a.status !== "firing") continue;
    const f = facts(a);
    const by = suppressions.match({ source: group.source, service: f.service, labels: { ...group.commonLabels, ...a.labels }, text: f.text, at: now });
    if (by) held.set(a.fingerprint, by);
  }
  return held;
}
