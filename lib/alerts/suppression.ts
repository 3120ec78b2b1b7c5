import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import { maintenanceWindows, silences, suppressedSignals, type MaintenanceWindow, type Silence, type SilenceMatcher, type SuppressionKind } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import { processState } from "@/lib/process-state";

/** What intake knows of a signal when it decides whether a silence or a maintenance window holds it. */
export type SignalFacts = {
  source: string;
  service: string;
  labels: Record<string, string>;
  /** Title or message: what a silence's `text` is looked for in. */
  text: string;
  /** The moment judged: the event's time, or the notification's receipt. */
  at: Date;
};

export type SuppressedBy = { kind: SuppressionKind; id: string; reason: string };

const DAY = 86_400_000;
const periods = { daily: DAY, weekly: 7 * DAY } as const;

/** Whether a silence's matcher holds for a signal (every given field must match). */
export function silenceMatches(matcher: SilenceMatcher, s: Omit<SignalFacts, "at">): boolean {
  if (matcher.service && matcher.service !== s.service) return false;
  if (matcher.source && matcher.source !== s.source) return false;
  for (const [k, v] of Object.entries(matcher.labels ?? {})) if (s.labels[k] !== v) return false;
  if (matcher.text && !s.text.toLowerCase().includes(matcher.text.toLowerCase())) return false;
  return true;
}

/** Whether a silence is in force at `at`: from its start (inclusive) to its end (exclusive). */
export function silenceActiveAt(silence: Pick<Silence, "startsAt" | "endsAt">, at: Date): boolean {
  const t = at.getTime();
  return t >= silence.startsAt.getTime() && t < silence.endsAt.getTime();
}

/**
 * The occurrence of a window that holds `at` (start inclusive, end exclusive), or null. A recurring
 * window repeats its first occurrence every day or week until `recurrenceUntil` (an occurrence that
 * starts after it does not happen).
 */
export function windowOccurrenceAt(
  w: Pick<MaintenanceWindow, "startsAt" | "endsAt" | "recurrence" | "recurrenceUntil">,
  at: Date,
): { start: Date; end: Date } | null {
  const t = at.getTime();
  const start = w.startsAt.getTime();
  const length = w.endsAt.getTime() - start;
  if (t < start) return null;
  if (w.recurrence === "none") return t < start + length ? { start: w.startsAt, end: w.endsAt } : null;
  const period = periods[w.recurrence];
  const k = Math.floor((t - start) / period);
  const s = start + k * period;
  if (w.recurrenceUntil && s > w.recurrenceUntil.getTime()) return null;
  return t < s + length ? { start: new Date(s), end: new Date(s + length) } : null;
}

/** The latest occurrence of a window that ended at or before `at` (for "opened right after maintenance"). */
export function lastOccurrenceEndedBy(
  w: Pick<MaintenanceWindow, "startsAt" | "endsAt" | "recurrence" | "recurrenceUntil">,
  at: Date,
): { start: Date; end: Date } | null {
  const t = at.getTime();
  const start = w.startsAt.getTime();
  const length = w.endsAt.getTime() - start;
  if (t < start + length) return null;
  if (w.recurrence === "none") return { start: w.startsAt, end: w.endsAt };
  const period = periods[w.recurrence];
  let k = Math.floor((t - length - start) / period);
  if (w.recurrenceUntil) k = Math.min(k, Math.floor((w.recurrenceUntil.getTime() - start) / period));
  const s = start + k * period;
  return { start: new Date(s), end: new Date(s + length) };
}

export function windowCovers(w: Pick<MaintenanceWindow, "services">, service: string): boolean {
  return w.services.length === 0 || w.services.includes(service);
}

/** The silences and maintenance windows of a workspace that may still hold a signal. */
export type Suppressions = {
  empty: boolean;
  /** The silence or window holding this signal (a silence first), or null. */
  match(signal: SignalFacts): SuppressedBy | null;
};

type Loaded = { silences: Silence[]; windows: MaintenanceWindow[] };

/**
 * Kept in memory per workspace for a few seconds: intake asks on every request, and a workspace
 * has a handful. A change made on this instance applies at once (forgetSuppressions); other
 * instances see it within SUPPRESSION_CACHE_MS. Silences and windows that ended more than a day
 * ago are not loaded: a signal timestamped more than a day back is not held by them.
 */
const SUPPRESSION_CACHE_MS = 5_000;
const cache = processState("alerts-suppressions", () => new Map<string, { at: number; loaded: Loaded }>());

export function forgetSuppressions(workspaceId: string): void {
  cache.delete(workspaceId);
}

export async function loadSuppressions(db: Database, workspaceId: string): Promise<Suppressions> {
  let cached = cache.get(workspaceId);
  if (!cached || Date.now() - cached.at > SUPPRESSION_CACHE_MS) {
    const since = new Date(Date.now() - DAY);
    const [s, w] = await Promise.all([
      db.select().from(silences).where(and(eq(silences.workspaceId, workspaceId), gt(silences.endsAt, since))),
      db
        .select()
        .from(maintenanceWindows)
        .where(and(eq(maintenanceWindows.workspaceId, workspaceId), or(gt(maintenanceWindows.endsAt, since), inArray(maintenanceWindows.recurrence, ["daily", "weekly"])))),
    ]);
    cached = { at: Date.now(), loaded: { silences: s, windows: w } };
    cache.set(workspaceId, cached);
  }
  return suppressionsOf(cached.loaded);
}

export function suppressionsOf({ silences: s, windows: w }: Loaded): Suppressions {
  return {
    empty: s.length === 0 && w.length === 0,
    match(signal) {
      for (const silence of s) {
        if (silenceActiveAt(silence, signal.at) && silenceMatches(silence.matcher, signal)) return { kind: "silence", id: silence.id, reason: silence.reason };
      }
      for (const win of w) {
        if (windowCovers(win, signal.service) && windowOccurrenceAt(win, signal.at)) return { kind: "maintenance", id: win.id, reason: win.reason };
      }
      return null;
    },
  };
}

export type SuppressedSignalInput = {
  source: string;
  signalKey: string;
  service: string;
  title: string;
  level: string;
  labels: Record<string, string>;
  by: SuppressedBy;
  at: Date;
  /** Content hash of an alert: the same digest again is an unchanged re-notification. */
  digest?: string | null;
};

/**
 * Records signals a silence or window held (one row per source and key: first and last seen, the
 * notification count, what held it). Returns the keys (`source\0key`) that are new or whose digest
 * changed: the caller records an event for those (and for every signal without a digest).
 */
export async function recordSuppressedSignals(tx: Database, workspaceId: string, rows: SuppressedSignalInput[]): Promise<Set<string>> {
  const changed = new Set<string>();
  if (rows.length === 0) return changed;
  const distinct = [...new Map(rows.map((r) => [`${r.source}\u0000${r.signalKey}`, r])).values()];
  const before = await queryRows<{ source: string; signal_key: string; digest: string | null }>(
    tx,
    sql`select s.source, s.signal_key, s.digest from ${suppressedSignals} s
         join json_to_recordset(${JSON.stringify(distinct.map((r) => ({ source: r.source, key: r.signalKey })))}::json) as b(source text, key text)
           on s.source = b.source and s.signal_key = b.key
        where s.workspace_id = ${workspaceId}::uuid`,
  );
  const old = new Map(before.map((r) => [`${r.source}\u0000${r.signal_key}`, r.digest]));
  for (const r of distinct) {
    const k = `${r.source}\u0000${r.signalKey}`;
    if (!old.has(k) || !r.digest || old.get(k) !== r.digest) changed.add(k);
  }
  const payload = distinct.map((r) => ({
    source: r.source,
    key: r.signalKey,
    service: r.service,
    title: r.title,
    level: r.level,
    labels: r.labels,
    kind: r.by.kind,
    silence_id: r.by.kind === "silence" ? r.by.id : null,
    window_id: r.by.kind === "maintenance" ? r.by.id : null,
    digest: r.digest ?? null,
    at: r.at.toISOString(),
    n: rows.filter((x) => x.source === r.source && x.signalKey === r.signalKey).length,
  }));
  await tx.execute(sql`
    insert into suppressed_signals (workspace_id, source, signal_key, service, title, level, labels, kind, silence_id, maintenance_window_id, digest, first_seen_at, last_seen_at, notifications)
    select ${workspaceId}::uuid, v.source, v.key, v.service, v.title, v.level, v.labels, v.kind, v.silence_id, v.window_id, v.digest, v.at, v.at, v.n
      from json_to_recordset(${JSON.stringify(payload)}::json)
        as v(source text, key text, service text, title text, level text, labels jsonb, kind text, silence_id uuid, window_id uuid, digest text, at timestamptz, n int)
    on conflict (workspace_id, source, signal_key) do update
       set service = excluded.service, title = excluded.title, level = excluded.level, labels = excluded.labels, kind = excluded.kind,
           silence_id = excluded.silence_id, maintenance_window_id = excluded.maintenance_window_id, digest = excluded.digest,
           first_seen_at = least(suppressed_signals.first_seen_at, excluded.first_seen_at),
           last_seen_at = greatest(suppressed_signals.last_seen_at, excluded.last_seen_at),
           notifications = suppressed_signals.notifications + excluded.notifications`);
  return changed;
}
