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
