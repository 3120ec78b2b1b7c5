import { z } from "zod";
import type { Incident, Severity, SlaPolicy, WorkspaceSettings } from "@/db/schema";

/**
 * Response and resolution targets per severity, from the runbook seed: P0 15 min / 2 h, P1 1 h / 8 h,
 * P2 4 h / 24 h, P3 24 h / 1 week. A workspace overrides any of them in `workspaces.settings.sla`.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  P0: { responseMinutes: 15, resolutionMinutes: 2 * 60 },
  P1: { responseMinutes: 60, resolutionMinutes: 8 * 60 },
  P2: { responseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  P3: { responseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
};

const minutes = z.number().int().positive().max(365 * 24 * 60);
const targetOverride = z.object({ responseMinutes: minutes.optional(), resolutionMinutes: minutes.optional() });

/** What `settings.sla` may hold: any severity, any of its two targets. */
export const slaOverridesSchema = z
  .object({ P0: targetOverride.optional(), P1: targetOverride.optional(), P2: targetOverride.optional(), P3: targetOverride.optional() })
  .strict();
export type SlaOverrides = z.infer<typeof slaOverridesSchema>;

/**
 * The workspace's policy: its overrides on top of the defaults. A malformed setting falls back to
 * the defaults rather than breaking every incident page of the workspace.
 */
export function resolveSlaPolicy(settings: WorkspaceSettings | null | undefined): SlaPolicy {
  const parsed = slaOverridesSchema.safeParse(settings?.sla ?? {});
  const overrides = parsed.success ? parsed.data : {};
  const policy = { ...DEFAULT_SLA_POLICY };
  for (const sev of Object.keys(policy) as Severity[]) {
    policy[sev] = { ...DEFAULT_SLA_POLICY[sev], ...stripUndefined(overrides[sev] ?? {}) };
  }
  return policy;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type SlaClockState = "met" | "breached" | "running";

export type SlaClock = {
  targetMinutes: number;
  dueAt: Date;
  /** When the clock stopped (acknowledged / resolved), or null while it runs. */
  stoppedAt: Date | null;
  state: SlaClockState;
  /** Milliseconds left (negative once breached); for a stopped clock, relative to when it stopped. */
  remainingMs: number;
};

export type SlaStatus = { response: SlaClock; resolution: SlaClock };

function clock(startedAt: Date, targetMinutes: number, stoppedAt: Date | null, now: Date): SlaClock {
  const dueAt = new Date(startedAt.getTime() + targetMinutes * 60_000);
  const end = stoppedAt ?? now;
  const remainingMs = dueAt.getTime() - end.getTime();
  const state: SlaClockState = remainingMs < 0 ? "breached" : stoppedAt ? "met" : "running";
  return { targetMinutes, dueAt, stoppedAt, state, remainingMs };
}

/**
 * Where an incident stands against its severity's targets. Response stops when someone first moves
 * it out of triage (acknowledged); resolution stops when it is resolved. Both run from creation.
 */
export function computeSla(
  incident: Pick<Incident, "severity" | "createdAt" | "acknowledgedAt" | "resolvedAt">,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
  now: Date = new Date(),
): SlaStatus {
  const target = policy[incident.severity];
  return {
    response: clock(incident.createdAt, target.responseMinutes, incident.acknowledgedAt, now),
    resolution: clock(incident.createdAt, target.resolutionMinutes, incident.resolvedAt, now),
  };
}

/** "15 min", "2 h", "24 h", "3 d 6 h", "1 week" — compact, for targets and countdowns (hours up to two days). */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m < 60) return `${m} min`;
  if (m % (7 * 24 * 60) === 0) {
    const w = m / (7 * 24 * 60);
    return `${w} week${w === 1 ? "" : "s"}`;
  }
  if (m < 48 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const d = Math.floor(m / (24 * 60));
  const h = Math.floor((m % (24 * 60)) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** A human sentence for a clock: "12 min left", "breached 1 h 5 min ago", "met with 3 min to spare". */
export function describeClock(c: SlaClock): string {
  const mins = Math.floor(Math.abs(c.remainingMs) / 60_000);
  const span = mins < 1 ? "under a minute" : formatMinutes(mins);
  if (c.state === "running") return `${span} left`;
  if (c.state === "met") return `met with ${span} to spare`;
  return c.stoppedAt ? `missed by ${span}` : `breached ${span} ago`;
}
