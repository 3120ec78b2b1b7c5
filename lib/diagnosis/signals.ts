import { defaultTopology, dependenciesOf, dependencyMap, dependentsOf, type DependencyMap } from "@/lib/topology";

/**
 * Everything a diagnosis may reason from, in one plain, JSON-serialisable shape. The same object is
 * given to the LLMs (inside the fenced data block) and to the offline engine.
 */
export type SignalEvent = {
  id: string;
  service: string;
  level: string;
  message: string;
  timestamp: string;
  attributes?: Record<string, unknown>;
};
export type SignalMetric = {
  name: string;
  value: number;
  baseline: number | null;
  unit?: string;
  /** Deviation in standard deviations when the sender knows it. */
  sigma?: number;
  pattern?: string;
  service?: string;
  /** When the anomaly began (an alert's startsAt), as sent. */
  started_at?: string;
  /** When the anomaly began, in minutes before the report, when only that is known. */
  started_minutes_ago?: number;
};
/** `minutes_ago` counts back from when the incident was reported; `at` is the time itself when it was sent. */
export type SignalDeploy = { version: string; service?: string; minutes_ago?: number; at?: string; description?: string };
export type SignalFlag = { name: string; enabled?: boolean; minutes_ago?: number; at?: string; description?: string; rollout?: number };
/** Other recent changes: configuration, credentials and key rotations, scaling limits, infrastructure. */
export type SignalChange = {
  kind: "config" | "secret" | "scaling" | "infrastructure" | "other";
  description: string;
  service?: string;
  minutes_ago?: number;
  at?: string;
};

export type IncidentSignals = {
  incident: {
    title: string;
    description: string;
    service: string;
    severity: string;
    affected_systems: string[];
    /** When the incident was reported: the moment the senders' "minutes ago" count back from. */
    reported_at?: string;
  };
  events: SignalEvent[];
  /** Total attached events (the list above may be a sample). */
  event_count: number;
  metrics: SignalMetric[];
  deploys: SignalDeploy[];
  feature_flags: SignalFlag[];
  /** Configuration, credential, scaling and infrastructure changes (older signals may lack it). */
  changes?: SignalChange[];
  /** Other context the sender attached, as "key: value" lines (campaigns, autoscaling, vendors…). */
  context_notes: string[];
  dependencies: { depends_on: string[]; dependents: string[] };
  /** The workspace's service graph (who calls whom), for reasoning about cascades. */
  topology: DependencyMap;
};

export const MAX_EVENTS = 60;
const MAX_MESSAGE = 500;

/** The default topology's dependency map, for incidents whose workspace topology cannot be read. */
export function defaultDependencyMap(): DependencyMap {
  return dependencyMap(defaultTopology());
}

/** Builds the signals from incident fields and events; metadata is untrusted and read defensively. */
export function buildSignals(
  incident: {
    title: string;
    description?: string;
    service: string;
    severity?: string;
    affectedSystems?: string[];
    metadata?: Record<string, unknown>;
    eventCount?: number;
    reportedAt?: Date | string;
  },
  events: SignalEvent[] = [],
  topology: DependencyMap = defaultDependencyMap(),
): IncidentSignals {
  const metadata = isRecord(incident.metadata) ? incident.metadata : {};
  const context = isRecord(metadata.context) ? metadata.context : {};
  const trimmedEvents = events.slice(0, MAX_EVENTS).map((e) => ({
    ...e,
    message: e.message.slice(0, MAX_MESSAGE),
    level: String(e.level).toUpperCase(),
    attributes: e.attributes ? pickScalarAttributes(e.attributes) : undefined,
  }));
  return {
    incident: {
      title: incident.title,
      description: incident.description ?? "",
      service: incident.service,
      severity: incident.severity ?? "P2",
      affected_systems: (incident.affectedSystems ?? []).slice(0, 20),
      ...(incident.reportedAt ? { reported_at: new Date(incident.reportedAt).toISOString() } : {}),
    },
    events: trimmedEvents,
    event_count: Math.max(incident.eventCount ?? 0, trimmedEvents.length),
    metrics: parseMetrics(metadata.metrics),
    deploys: parseDeploys(context.recent_deploys ?? metadata.recent_deploys),
    feature_flags: parseFlags(context.feature_flags ?? metadata.feature_flags),
    changes: parseChanges(context),
    context_notes: contextNotes(context),
    dependencies: {
      depends_on: dependenciesOf(topology, incident.service),
      dependents: dependentsOf(topology, incident.service),
    },
    topology,
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function str(v: unknown, max = 200): string | undefined {
  if (typeof v === "string" && v.trim()) return v.trim().slice(0, max);
  if (typeof v === "number") return String(v);
  return undefined;
}

function pickScalarAttributes(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs).slice(0, 20)) {
    if (typeof v === "string") out[k] = v.slice(0, 200);
    else if (typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}

export function parseMetrics(raw: unknown): SignalMetric[] {
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : isRecord(raw)
      ? Object.entries(raw).map(([name, v]) => (isRecord(v) ? { name, ...v } : { name, value: v }))
      : [];
  const out: SignalMetric[] = [];
  for (const item of list.slice(0, 40)) {
    if (!isRecord(item)) continue;
    const name = str(item.name ?? item.metric, 120);
    const value = num(item.value ?? item.current);
    if (!name || value === undefined) continue;
    const baseline = num(item.baseline ?? item.expected ?? item.normal);
    const sigma = num(item.sigma ?? item.deviation_sigma ?? item.z_score);
    const startedAt = isoTime(item.started_at ?? item.startsAt ?? item.starts_at ?? item.since ?? item.onset ?? item.active_at ?? item.activeAt);
    const startedMinutes = num(item.started_minutes_ago ?? item.onset_minutes_ago ?? item.since_minutes_ago);
    out.push({
      name,
      value,
      baseline: baseline ?? null,
      ...(str(item.unit, 20) ? { unit: str(item.unit, 20) } : {}),
      ...(sigma !== undefined ? { sigma } : {}),
      ...(str(item.pattern, 30) ? { pattern: str(item.pattern, 30) } : {}),
      ...(str(item.service, 100) ? { service: str(item.service, 100) } : {}),
      ...(startedAt ? { started_at: startedAt } : {}),
      ...(startedMinutes !== undefined ? { started_minutes_ago: Math.max(0, startedMinutes) } : {}),
    });
  }
  return out;
}

export function parseDeploys(raw: unknown): SignalDeploy[] {
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : [];
  const out: SignalDeploy[] = [];
  for (const item of list.slice(0, 10)) {
    if (typeof item === "string") {
      out.push({ version: item.slice(0, 60) });
      continue;
    }
    if (!isRecord(item)) continue;
    const version = str(item.version ?? item.tag ?? item.release ?? item.id, 60) ?? "unversioned";
    const at = isoTime(item.deployed_at ?? item.at ?? item.time);
    const minutes = num(item.minutes_ago) ?? minutesFromHours(item.hours_ago) ?? minutesSince(at);
    out.push({
      version,
      ...(str(item.service, 100) ? { service: str(item.service, 100) } : {}),
      ...(minutes !== undefined ? { minutes_ago: Math.max(0, Math.round(minutes)) } : {}),
      ...(at ? { at } : {}),
      ...(str(item.description ?? item.changes ?? item.summary ?? item.message, 300)
        ? { description: str(item.description ?? item.changes ?? item.summary ?? item.message, 300) }
        : {}),
    });
  }
  return out;
}

export function parseFlags(raw: unknown): SignalFlag[] {
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : isRecord(raw)
      ? Object.entries(raw).map(([name, v]) => (isRecord(v) ? { name, ...v } : { name, enabled: v }))
      : [];
  const out: SignalFlag[] = [];
  for (const item of list.slice(0, 20)) {
    if (typeof item === "string") {
      out.push({ name: item.slice(0, 100) });
      continue;
    }
    if (!isRecord(item)) continue;
    const name = str(item.name ?? item.flag ?? item.key, 100);
    if (!name) continue;
    const at = isoTime(item.changed_at ?? item.updated_at);
    const minutes = num(item.minutes_ago ?? item.changed_minutes_ago) ?? minutesSince(at);
    const enabled = typeof item.enabled === "boolean" ? item.enabled : typeof item.value === "boolean" ? item.value : undefined;
    const rollout = num(item.rollout ?? item.percentage);
    out.push({
      name,
      ...(enabled !== undefined ? { enabled } : {}),
      ...(minutes !== undefined ? { minutes_ago: Math.max(0, Math.round(minutes)) } : {}),
      ...(at ? { at } : {}),
      ...(rollout !== undefined ? { rollout } : {}),
      ...(str(item.description, 200) ? { description: str(item.description, 200) } : {}),
    });
  }
  return out;
}

function minutesFromHours(v: unknown): number | undefined {
  const h = num(v);
  return h === undefined ? undefined : h * 60;
}

function minutesSince(v: unknown): number | undefined {
  // Only a fallback for display: the engine places timed changes on the events' own clock (`at`).
  if (typeof v !== "string") return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : (Date.now() - t) / 60_000;
}

/** Context keys that carry lists of changes, and the kind of change each holds. */
const CHANGE_KEYS: Record<string, SignalChange["kind"]> = {
  config_changes: "config",
  configuration_changes: "config",
  recent_changes: "other",
  changes: "other",
  key_rotations: "secret",
  secret_rotations: "secret",
  credential_rotations: "secret",
  scaling_changes: "scaling",
  infrastructure_changes: "infrastructure",
};
const CHANGE_KINDS = ["config", "secret", "scaling", "infrastructure", "other"] as const;

export function parseChanges(context: Record<string, unknown>): SignalChange[] {
  const out: SignalChange[] = [];
  for (const [key, kind] of Object.entries(CHANGE_KEYS)) {
    const raw = context[key];
    const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : [];
    for (const item of list.slice(0, 10)) {
      if (typeof item === "string") {
        if (item.trim()) out.push({ kind, description: item.trim().slice(0, 300) });
        continue;
      }
      if (!isRecord(item)) continue;
      const description = str(item.what ?? item.description ?? item.change ?? item.summary ?? item.message ?? item.name, 300);
      if (!description) continue;
      const at = isoTime(item.at ?? item.changed_at ?? item.applied_at ?? item.time ?? item.rotated_at);
      const minutes = num(item.minutes_ago) ?? minutesFromHours(item.hours_ago) ?? minutesSince(at);
      const declared = str(item.kind ?? item.type, 20);
      out.push({
        kind: (CHANGE_KINDS as readonly string[]).includes(declared ?? "") ? (declared as SignalChange["kind"]) : kind,
        description,
        ...(str(item.service ?? item.target, 100) ? { service: str(item.service ?? item.target, 100) } : {}),
        ...(minutes !== undefined ? { minutes_ago: Math.max(0, Math.round(minutes)) } : {}),
        ...(at ? { at } : {}),
      });
    }
  }
  return out.slice(0, 20);
}

function isoTime(v: unknown): string | undefined {
  if (typeof v !== "string" || !v.trim()) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function contextNotes(context: Record<string, unknown>): string[] {
  const notes: string[] = [];
  for (const [k, v] of Object.entries(context)) {
    if (k === "recent_deploys" || k === "feature_flags" || k in CHANGE_KEYS) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") notes.push(`${k}: ${String(v).slice(0, 200)}`);
    else if (isRecord(v) || Array.isArray(v)) notes.push(`${k}: ${JSON.stringify(v).slice(0, 300)}`);
    if (notes.length >= 15) break;
  }
  return notes;
}
