import { hash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";

const log = logger("intake");

/**
 * Alertmanager re-sends every alert of a group on each group_interval and repeat_interval, mostly
 * unchanged. A notification whose exact body this instance has already judged unchanged — against
 * the same state of its group (the window row's `version`, which every change of the group moves)
 * and the same open incident — is answered without a transaction: its alerts' notification counts
 * and last-seen times are added up in memory and written every COUNT_FLUSH_MS, in one statement.
 *
 * Several bodies per group are remembered (the two replicas of a high-availability pair differ in
 * `externalURL`). A cold or changed group, a body not seen, a person's change to the incident: the
 * notification takes the full path, which compares every alert with its signal.
 */

export type Remembered = {
  incidentId: string;
  number: number;
  /** The window row's version when the bodies were judged unchanged. */
  version: number;
  fingerprints: string[];
  hashes: string[];
};

const MAX_GROUPS = 20_000;
const MAX_BODIES_PER_GROUP = 4;
/**
 * How often counted notifications are written: a few seconds let the re-notifications of a busy
 * group add up to one row write per alert (Alertmanager itself re-sends a group every few minutes).
 */
export const COUNT_FLUSH_MS = 5_000;

const globalForRepeats = globalThis as unknown as { __firedrillRepeats?: Map<string, Remembered> };
const groups: Map<string, Remembered> = (globalForRepeats.__firedrillRepeats ??= new Map<string, Remembered>());

const groupId = (workspaceId: string, windowKey: string) => `${workspaceId}\u0000${windowKey}`;

/** A cheap fingerprint of a body (it runs for every notification). */
export function notificationHash(bodyText: string): string {
  return hash("sha1", bodyText, "base64");
}

/** What this instance knows of a group whose notifications it judged unchanged, if it knows `bodyHash`. */
export function recall(workspaceId: string, windowKey: string, bodyHash: string): Remembered | undefined {
  const r = groups.get(groupId(workspaceId, windowKey));
  return r && r.hashes.includes(bodyHash) ? r : undefined;
}

/** Remembers that `bodyHash` changed nothing for the group in the given state. */
export function remember(workspaceId: string, windowKey: string, bodyHash: string, state: Omit<Remembered, "hashes">): void {
  const id = groupId(workspaceId, windowKey);
  const known = groups.get(id);
  const same = known && known.version === state.version && known.incidentId === state.incidentId;
  const hashes = same ? [bodyHash, ...known.hashes.filter((h) => h !== bodyHash)].slice(0, MAX_BODIES_PER_GROUP) : [bodyHash];
  if (!known && groups.size >= MAX_GROUPS) groups.clear();
  groups.set(id, { ...state, hashes });
}

// ---------------------------------------------------------------------------------------------
// Counts written later

type Count = { i: string; k: string; n: number; t: number };
type Pending = { counts: Map<string, Count>; timer?: ReturnType<typeof setTimeout>; flushing?: Promise<void> };
const pendingByDb = new WeakMap<Database, Pending>();

/** Counts one notification of each of these alerts (written within COUNT_FLUSH_MS). */
export function countLater(db: Database, incidentId: string, fingerprints: string[], at: Date): void {
  let p = pendingByDb.get(db);
  if (!p) {
    p = { counts: new Map() };
    pendingByDb.set(db, p);
  }
  const t = at.getTime();
  for (const k of fingerprints) {
    const id = `${incidentId}\u0000${k}`;
    const c = p.counts.get(id);
    if (c) {
      c.n++;
      if (t > c.t) c.t = t;
    } else p.counts.set(id, { i: incidentId, k, n: 1, t });
  }
  if (!p.timer) {
    p.timer = setTimeout(() => void flushNotificationCounts(db), COUNT_FLUSH_MS);
    p.timer.unref?.();
  }
}

/** Writes the counted notifications now (tests call it; the timer calls it every COUNT_FLUSH_MS). Never throws. */
export async function flushNotificationCounts(db: Database): Promise<void> {
  const p = pendingByDb.get(db);
  if (!p) return;
  if (p.timer) clearTimeout(p.timer);
  p.timer = undefined;
  await p.flushing;
  if (p.counts.size === 0) return;
  const rows = [...p.counts.values()];
  p.counts = new Map();
  p.flushing = (async () => {
    try {
      await db.execute(sql`
        update alert_signals s
           set notifications = s.notifications + v.n, last_seen_at = greatest(s.last_seen_at, to_timestamp(v.t / 1000.0))
          from json_to_recordset(${JSON.stringify(rows)}::json) as v(i uuid, k text, n int, t float8)
         where s.incident_id = v.i and s.signal_key = v.k`);
    } catch (err) {
      log.error({ err, signals: rows.length }, "could not write notification counts");
    }
  })();
  await p.flushing;
}
