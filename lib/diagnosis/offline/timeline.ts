import type { IncidentSignals, SignalChange, SignalDeploy, SignalFlag } from "../signals";

/**
 * One clock for everything the incident carries. Events have their own timestamps; metrics may say
 * when their anomaly started; deploys, flags and other changes carry either a time or "minutes ago".
 * "Minutes ago" counts back from the report: when the incident was reported if that is known, else
 * the newest event (so a sender's relative times and the log lines line up), else the newest time sent.
 */
export type Clock = {
  /** The report: when the incident was reported, or the newest event, or the newest time sent, or 0. */
  anchor: number;
  /** True when times are real wall-clock times (printed as HH:MM), false when only relative. */
  absolute: boolean;
  time(at: string | undefined, minutesAgo: number | undefined): number | undefined;
  format(ms: number): string;
};

export function clockFor(signals: IncidentSignals): Clock {
  const eventTimes = signals.events.map((e) => Date.parse(e.timestamp)).filter((t) => !Number.isNaN(t));
  const sent = [
    ...signals.metrics.map((m) => m.started_at),
    ...signals.deploys.map((d) => d.at),
    ...signals.feature_flags.map((f) => f.at),
    ...(signals.changes ?? []).map((c) => c.at),
  ]
    .filter((v): v is string => typeof v === "string")
    .map((v) => Date.parse(v))
    .filter((t) => !Number.isNaN(t));
  const reported = signals.incident.reported_at ? Date.parse(signals.incident.reported_at) : NaN;
  const absolute = !Number.isNaN(reported) || eventTimes.length > 0 || sent.length > 0;
  const anchor = !Number.isNaN(reported) ? reported : eventTimes.length ? Math.max(...eventTimes) : sent.length ? Math.max(...sent) : 0;
  return {
    anchor,
    absolute,
    time(at, minutesAgo) {
      if (at) {
        const t = Date.parse(at);
        if (!Number.isNaN(t)) return t;
      }
      return typeof minutesAgo === "number" && Number.isFinite(minutesAgo) ? anchor - minutesAgo * 60_000 : undefined;
    },
    format(ms) {
      if (absolute) return new Date(ms).toISOString().slice(11, 16);
      return `${Math.round((anchor - ms) / 60_000)} min before the report`;
    },
  };
}

export function eventTime(timestamp: string): number | undefined {
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? undefined : t;
}

/** "22 min", "3 h", "2 days". */
export function formatGap(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 90) return `${m} min`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h`;
  return `${Math.round(m / 1440)} days`;
}

/** A recent change of any kind, placed on the incident's clock. */
export type Change = {
  kind: "deploy" | "flag" | SignalChange["kind"];
  source: "deploy" | "feature_flag" | "change";
  /** How evidence cites it: a version, a flag name, or the change's own words. */
  ref: string;
  service?: string;
  description: string;
  at?: number;
  minutesAgo?: number;
  deploy?: SignalDeploy;
  flag?: SignalFlag;
};

export function collectChanges(signals: IncidentSignals, clock: Clock): Change[] {
  const out: Change[] = [];
  for (const d of signals.deploys) {
    out.push({
      kind: "deploy",
      source: "deploy",
      ref: d.version,
      ...(d.service ? { service: d.service } : {}),
      description: `deploy ${d.version}${d.service ? ` of ${d.service}` : ""}${d.description ? `: "${d.description.slice(0, 120)}"` : ""}`,
      at: clock.time(d.at, d.minutes_ago),
      minutesAgo: d.minutes_ago,
      deploy: d,
    });
  }
  for (const f of signals.feature_flags) {
    out.push({
      kind: "flag",
      source: "feature_flag",
      ref: f.name,
      description: `feature flag ${f.name}${f.enabled === undefined ? " changed" : f.enabled ? " enabled" : " disabled"}${f.description ? `: "${f.description.slice(0, 100)}"` : ""}`,
      at: clock.time(f.at, f.minutes_ago),
      minutesAgo: f.minutes_ago,
      flag: f,
    });
  }
  for (const c of signals.changes ?? []) {
    out.push({
      kind: c.kind,
      source: "change",
      ref: c.description.slice(0, 120),
      ...(c.service ? { service: c.service } : {}),
      description: `${c.kind === "secret" ? "credential change" : c.kind === "scaling" ? "scaling change" : "configuration change"}${c.service ? ` to ${c.service}` : ""}: "${c.description.slice(0, 160)}"`,
      at: clock.time(c.at, c.minutes_ago),
      minutesAgo: c.minutes_ago,
    });
  }
  return out;
}

const UNIT: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
  ms: 1,
  s: 1e3,
  sec: 1e3,
  secs: 1e3,
  seconds: 1e3,
  second: 1e3,
  min: 6e4,
  mins: 6e4,
  minutes: 6e4,
  minute: 6e4,
  h: 3.6e6,
  hours: 3.6e6,
  hour: 3.6e6,
  d: 8.64e7,
  day: 8.64e7,
  days: 8.64e7,
};

/** Whether a change's description says a value went down or up ("50 → 5", "from 8gb to 800mb", "lowered"). */
export function changeDirection(text: string): "down" | "up" | undefined {
  const m = /(\d+(?:\.\d+)?)\s*([a-z]{0,7})\s*(?:→|->|=>|\bto\b)\s*(\d+(?:\.\d+)?)\s*([a-z]{0,7})/i.exec(text);
  if (m) {
    const from = Number(m[1]) * (UNIT[m[2].toLowerCase()] ?? 1);
    const to = Number(m[3]) * (UNIT[(m[4] || m[2]).toLowerCase()] ?? 1);
    if (to < from) return "down";
    if (to > from) return "up";
  }
  if (/\b(lower(ed)?|reduced?|decreased?|cut|shr[ua]nk|tightened?)\b/i.test(text)) return "down";
  if (/\b(raised?|increased?|doubled?|grew|bumped)\b/i.test(text)) return "up";
  return undefined;
}
