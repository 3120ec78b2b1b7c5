import type { PendingEntry } from "@/db/schema";

export type ThresholdRule = { minCount: number; windowMs: number };

/** Pending entries kept at most (a rule's count is capped far below this). */
const MAX_PENDING = 2_000;

/**
 * Adds qualifying events to a key's pending list and says whether some window of `windowMs`
 * (by the events' own timestamps, inclusive) now holds `minCount` of them. Entries older than two
 * windows before the newest are dropped, so the list stays small while late arrivals of up to one
 * window can still complete a window with earlier events.
 */
export function evaluateWindow(
  pending: readonly PendingEntry[],
  incoming: readonly PendingEntry[],
  rule: ThresholdRule,
): { fired: boolean; pending: PendingEntry[]; maxTs: number | null } {
  const all = [...pending, ...incoming];
  if (all.length === 0) return { fired: false, pending: [], maxTs: null };
  let maxTs = -Infinity;
  for (const e of all) if (e.ts > maxTs) maxTs = e.ts;
  const kept = all.filter((e) => e.ts >= maxTs - 2 * rule.windowMs).sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  const n = Math.max(1, rule.minCount);
  for (let i = 0; i + n - 1 < kept.length; i++) {
    if (kept[i + n - 1].ts - kept[i].ts <= rule.windowMs) return { fired: true, pending: kept, maxTs };
  }
  return { fired: false, pending: kept.slice(-MAX_PENDING), maxTs };
}

export type Crossing =
  /** The threshold was crossed by incoming[at]: `counted` are the entries that counted (kept at that moment). */
  | { fired: true; at: number; counted: PendingEntry[]; maxTs: number }
  | { fired: false; pending: PendingEntry[]; maxTs: number | null };

const byTime = (a: PendingEntry, b: PendingEntry) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Adds incoming qualifying events one at a time, in the order they arrived, and says which one
 * (if any) crossed the threshold: the first moment some window of `windowMs` held `minCount`
 * entries. Sending the same events in one request or cut into several therefore crosses at the
 * same event, with the same entries counted. Pruning is evaluateWindow's (entries older than two
 * windows before the newest go), applied as each event arrives.
 */
export function firstCrossing(pending: readonly PendingEntry[], incoming: readonly PendingEntry[], rule: ThresholdRule): Crossing {
  const n = Math.max(1, rule.minCount);
  const kept = [...pending].sort(byTime);
  let maxTs = kept.length > 0 ? kept[kept.length - 1].ts : -Infinity;
  // Stored pending entries never hold a full window, unless the rule was lowered since: then the
  // first incoming event completes it.
  let preFired = false;
  for (let i = 0; i + n - 1 < kept.length; i++) if (kept[i + n - 1].ts - kept[i].ts <= rule.windowMs) preFired = true;
  for (let k = 0; k < incoming.length; k++) {
    const e = incoming[k];
    // Insert in time order (binary search), then drop what fell out of the two-window horizon.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byTime(kept[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, e);
    if (e.ts > maxTs) maxTs = e.ts;
    let drop = 0;
    while (drop < kept.length && kept[drop].ts < maxTs - 2 * rule.windowMs) drop++;
    if (drop > 0) kept.splice(0, drop);
    const p = lo - drop;
    if (p < 0) continue; // this event itself was too old to count
    let fired = preFired;
    for (let i = Math.max(0, p - n + 1); !fired && i <= p && i + n - 1 < kept.length; i++) {
      if (kept[i + n - 1].ts - kept[i].ts <= rule.windowMs) fired = true;
    }
    if (fired) return { fired: true, at: k, counted: kept, maxTs };
  }
  return { fired: false, pending: kept.slice(-MAX_PENDING), maxTs: Number.isFinite(maxTs) ? maxTs : null };
}
