import { hash } from "node:crypto";
import { uuidv7 } from "@/lib/uuidv7";
import { sql } from "drizzle-orm";
import type { Severity } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { createIncidentSchema } from "@/lib/incidents/shared";
import { insertIncident } from "@/lib/incidents";
import { applyStatusChange } from "@/lib/incidents";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { levelForSeverity, severityFromAlert } from "./levels";
import { bumpIncidentsEvents, insertEvents, lockWindows, saveWindows, timeSpan, truncate, type NormalizedEvent, type WindowsAndOpen } from "./pipeline";

export type NormalizedAlert = {
  fingerprint: string;
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date | null;
  endsAt: Date | null;
  raw: unknown;
  /** Extra attributes kept on the event (Grafana's values, URLs). */
  extra?: Record<string, unknown>;
};

export type AlertGroup = {
  source: "alertmanager" | "grafana";
  groupKey: string;
  title?: string;
  receiver?: string;
  externalUrl?: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  alerts: NormalizedAlert[];
};

export type AlertGroupOutcome = {
  accepted: number;
  firing: number;
  resolved: number;
  incident: { id: string; number: number; status: "created" | "attached" | "resolved" } | null;
};

const severityOrder: Severity[] = ["P0", "P1", "P2", "P3"];

function alertSeverity(labels: Record<string, string>): Severity {
  return severityFromAlert(labels.severity ?? labels.priority ?? labels.level, "P2");
}

const serviceLabels = ["service", "job", "app", "namespace", "instance", "alertname"] as const;

/** The service an alert is about: the first service-like label, the alert's own before the group's. */
function serviceOf(labels: Record<string, string>, common: Record<string, string> = {}): string {
  for (const k of serviceLabels) {
    const v = labels[k] ?? common[k];
    if (v !== undefined) return v;
  }
  return "unknown";
}

/** At most `max` labels (the first ones): the map itself when it is that small, as most are. */
function firstLabels(labels: Record<string, string>, max = 20): Record<string, string> {
  let n = 0;
  for (const _k in labels) if (++n > max) break;
  if (n <= max) return labels;
  const out: Record<string, string> = {};
  n = 0;
  for (const k in labels) {
    if (n++ >= max) break;
    out[k] = labels[k];
  }
  return out;
}

function runbookUrls(alerts: NormalizedAlert[], common: Record<string, string>): string[] {
  const urls = new Set<string>();
  for (const a of [{ annotations: common }, ...alerts]) {
    const u = a.annotations.runbook_url ?? a.annotations.runbook;
    if (u) urls.add(u);
  }
  return [...urls].slice(0, 20);
}

export function alertGroupWindowKey(group: Pick<AlertGroup, "source" | "groupKey">): string {
  return `${group.source === "alertmanager" ? "am" : "gf"}:${group.groupKey}`;
}

/** One event per alert, not yet linked (the incident is set once it is known). */
function alertEvents(group: AlertGroup, now: Date): NormalizedEvent[] {
  return group.alerts.map((a) => {
    const severity = alertSeverity(a.labels);
    const name = a.labels.alertname ?? group.commonLabels.alertname ?? "alert";
    const summary = a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? "";
    return {
      id: uuidv7(),
      service: serviceOf(a.labels, group.commonLabels),
      level: a.status === "firing" ? levelForSeverity(severity) : "INFO",
      message: truncate(`[${a.status.toUpperCase()}] ${name}${summary ? `: ${summary}` : ""}`, 4_000),
      timestamp: (a.status === "firing" ? a.startsAt : (a.endsAt ?? a.startsAt)) ?? now,
      fingerprint: a.fingerprint,
      dedupKey: null,
      // Labels flattened (scalars, which diagnosis reads); annotations are in the message and the raw alert.
      attributes: { ...firstLabels(a.labels), status: a.status, group_key: group.groupKey, ...(a.extra ?? {}) },
      source: group.source,
      raw: a.raw,
      incidentId: null,
    };
  });
}

async function openGroupIncident(tx: Database, integration: Actor, group: AlertGroup, firing: NormalizedAlert[], evs: NormalizedEvent[], urls: string[]) {
  const severity = firing.map((a) => alertSeverity(a.labels)).sort((x, y) => severityOrder.indexOf(x) - severityOrder.indexOf(y))[0];
  const labels = { ...group.commonLabels, ...firing[0].labels };
  const name = group.commonLabels.alertname ?? firing[0].labels.alertname ?? "Alert";
  const summary = group.commonAnnotations.summary ?? firing[0].annotations.summary ?? group.title ?? "";
  const services = [...new Set(firing.map((a) => serviceOf(a.labels, group.commonLabels)))].slice(0, 50);
  const span = timeSpan(evs);
  const draft = createIncidentSchema.parse({
    title: truncate(summary && summary !== name ? `${name}: ${summary}` : name, 200),
    description: truncate(
      group.commonAnnotations.description ?? firing[0].annotations.description ?? `${firing.length} alert(s) firing in group ${group.groupKey}.`,
      10_000,
    ),
    service: truncate(serviceOf(labels), 100),
    team: labels.team ? truncate(labels.team, 100) : null,
    severity,
    affectedSystems: services,
    generatedBy: group.source,
    metadata: {
      [group.source]: {
        group_key: group.groupKey,
        receiver: group.receiver ?? null,
        external_url: group.externalUrl ?? null,
        group_labels: group.groupLabels,
        common_labels: group.commonLabels,
      },
      runbook_urls: urls,
    },
  });
  return insertIncident(tx, integration, {
    ...draft,
    source: group.source,
    fingerprint: alertGroupWindowKey(group),
    eventCount: evs.length,
    firstEventAt: span.first,
    lastEventAt: span.last,
  });
}

/**
 * Notifications of several alert groups (Alertmanager or Grafana), written together: each group is
 * one incident while it is open, and each alert a signal of it. Firing opens or updates; resolved
 * marks its signal resolved and never opens; when every signal is resolved the incident is resolved,
 * by the integration. The groups must be distinct (a second notification of a group in the same
 * flush goes in a later round). Steady state is six statements whatever the number of groups.
 */
export async function writeAlertGroups(
  tx: Database,
  integration: Actor,
  items: { group: AlertGroup; now: Date }[],
  /** The groups' windows, already locked in this transaction. */
  locked?: WindowsAndOpen,
): Promise<{ outcomes: AlertGroupOutcome[]; published: RealtimeEvent[] }> {
  const ws = integration.workspaceId;
  const keys = items.map((i) => alertGroupWindowKey(i.group));
  if (new Set(keys).size !== keys.length) throw new Error("writeAlertGroups: one notification per group at a time");
  const { windows, open } = locked ?? (await lockWindows(tx, ws, keys));
  const published: RealtimeEvent[] = [];

  type Step = {
    item: (typeof items)[number];
    key: string;
    evs: NormalizedEvent[];
    firing: number;
    urls: string[];
    incident?: { id: string; number: number };
    status: "created" | "attached" | "resolved" | null;
    stillOpen: boolean;
  };
  const steps: Step[] = [];
  for (const [n, item] of items.entries()) {
    const { group, now } = item;
    const key = keys[n];
    const w = windows.get(key)!;
    const current = w.openIncidentId ? open.get(w.openIncidentId) : undefined;
    const firing = group.alerts.filter((a) => a.status === "firing");
    const urls = runbookUrls(group.alerts, group.commonAnnotations);
    const evs = alertEvents(group, now);
    const step: Step = { item, key, evs, firing: firing.length, urls, incident: current, status: current ? "attached" : null, stillOpen: !!current };
    if (!current && firing.length > 0) {
      const row = await openGroupIncident(tx, integration, group, firing, evs, urls);
      step.incident = { id: row.id, number: row.number };
      step.status = "created";
      step.stillOpen = true;
      published.push({ type: "incident.created", incidentId: row.id, number: row.number, version: row.version });
    }
    steps.push(step);
  }

  // Events, counts and signals go out together (pipelined), in the order they take their locks.
  const attached = steps.filter((s) => s.status === "attached");
  const withIncident = steps.filter((s) => s.incident);
  for (const s of withIncident) for (const e of s.evs) e.incidentId = s.incident!.id;
  const [, counts, firingLeft] = await Promise.all([
    insertEvents(tx, ws, steps.flatMap((s) => s.evs)),
    bumpIncidentsEvents(
      tx,
      ws,
      attached.map((s) => ({ incidentId: s.incident!.id, count: s.evs.length, ...timeSpan(s.evs), urls: s.urls })),
    ),
    upsertSignals(
      tx,
      ws,
      withIncident.map((s) => ({ incidentId: s.incident!.id, group: s.item.group, now: s.item.now })),
    ),
  ]);
  for (const s of attached) published.push({ type: "incident.events", incidentId: s.incident!.id, eventCount: counts.get(s.incident!.id) ?? 0 });

  for (const s of withIncident) {
    if ((firingLeft.get(s.incident!.id) ?? 0) > 0) continue;
    const { incident: after, changed } = await applyStatusChange(tx, integration, s.incident!.id, {
      status: "resolved",
      reason: `All alerts of the group resolved (${integration.name})`,
      at: s.item.now,
    });
    if (changed) published.push({ type: "incident.updated", incidentId: s.incident!.id, version: after.version, fields: ["status"] });
    s.status = "resolved";
    s.stillOpen = false;
  }
  // A window row changes only when its group's incident opens or closes (or was closed by a person).
  await saveWindows(
    tx,
    ws,
    steps
      .map((s) => ({ key: s.key, openIncidentId: s.stillOpen ? s.incident!.id : null, pending: [], maxTs: null }))
      .filter((u) => u.openIncidentId !== windows.get(u.key)!.openIncidentId),
  );
  return {
    outcomes: steps.map((s) => ({
      accepted: s.evs.length,
      firing: s.firing,
      resolved: s.item.group.alerts.length - s.firing,
      incident: s.incident && s.status ? { id: s.incident.id, number: s.incident.number, status: s.status } : null,
    })),
    published,
  };
}

/** What makes a signal "changed": a repeated notification with the same digest rewrites nothing. */
function signalDigest(a: NormalizedAlert): string {
  // One-shot hash: half the cost of a createHash object, and this runs for every alert.
  return hash("sha1", `${a.status}\u0000${a.endsAt?.toISOString() ?? ""}\u0000${JSON.stringify(a.labels)}\u0000${JSON.stringify(a.annotations)}`, "base64");
}

type SignalRow = {
  incident_id: string;
  source: string;
  signal_key: string;
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  starts_at: string | null;
  ends_at: string | null;
  seen_at: string;
  digest: string;
};

/**
 * Writes the notifications' signals and returns, per incident, a count of firing signals that is 0
 * exactly when none is left: for a body with no firing alert, the incident's other firing signals
 * (those it does not name); for any other body, just its own firing alerts (the incident stays
 * open whatever the rest do, so nothing is counted). The last notification about an alert wins
 * when one body names it twice.
 *
 * Repeated notifications mostly repeat, so the first statement sends only keys and digests: it
 * moves last-seen times (at most once a minute), counts what needs counting, and names the
 * signals that are new or changed. Only those are then written in full, in a second statement.
 */
async function upsertSignals(
  tx: Database,
  workspaceId: string,
  notes: { incidentId: string; group: AlertGroup; now: Date }[],
): Promise<Map<string, number>> {
  const left = new Map<string, number>();
  if (notes.length === 0) return left;
  // Keys and digests first; full rows are built only for the signals that turn out to need them.
  // An incident whose body has a firing alert keeps firing whatever its other signals do: only
  // the others (all-resolved bodies) need their firing signals counted.
  const signals = notes.flatMap(({ incidentId, group, now }) => {
    const byKey = new Map(group.alerts.map((a) => [a.fingerprint, a]));
    const list = [...byKey.values()];
    const firing = list.filter((a) => a.status === "firing").length;
    left.set(incidentId, firing);
    const seenAt = now.toISOString();
    return list.map((a) => ({ incidentId, group, alert: a, seenAt, digest: signalDigest(a), count: firing === 0 }));
  });
  const keys = signals.map((x) => ({ i: x.incidentId, k: x.alert.fingerprint, d: x.digest, t: x.seenAt, c: x.count }));
  const found = await queryRows<{ incident_id: string; signal_key: string | null; others: number | null }>(
    tx,
    sql`
    with body as (
      select * from json_to_recordset(${JSON.stringify(keys)}::json) as r(i uuid, k text, d text, t timestamptz, c boolean)
    ), touched as (
      update alert_signals s set last_seen_at = b.t
        from body b
       where s.incident_id = b.i and s.signal_key = b.k and s.digest = b.d and s.last_seen_at < b.t - interval '1 minute'
      returning 1
    )
    -- Signals to write in full: new, or changed since last written.
    select b.i as incident_id, b.k as signal_key, null::int as others
      from body b
     where not exists (select 1 from alert_signals s where s.incident_id = b.i and s.signal_key = b.k and s.digest = b.d)
    union all
    -- Firing signals of each incident to count (as before this statement) minus those this body names.
    select i.id, null, ((select count(*) from alert_signals s where s.incident_id = i.id and s.status = 'firing')
          - (select count(*) from body b join alert_signals s on s.incident_id = b.i and s.signal_key = b.k
              where b.i = i.id and s.status = 'firing'))::int
      from (select distinct i as id from body where c) i`,
  );
  const changed = new Set<string>();
  for (const r of found) {
    if (r.signal_key !== null) changed.add(`${r.incident_id}\u0000${r.signal_key}`);
    else left.set(r.incident_id, (left.get(r.incident_id) ?? 0) + Number(r.others ?? 0));
  }
  const write: SignalRow[] = signals
    .filter((x) => changed.has(`${x.incidentId}\u0000${x.alert.fingerprint}`))
    .map(({ incidentId, group, alert: a, seenAt, digest }) => ({
      incident_id: incidentId,
      source: group.source,
      signal_key: a.fingerprint,
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      starts_at: a.startsAt?.toISOString() ?? null,
      ends_at: a.endsAt?.toISOString() ?? null,
      seen_at: seenAt,
      digest,
    }));
  if (write.length === 0) return left;
  await tx.execute(sql`
    insert into alert_signals (workspace_id, incident_id, source, signal_key, status, labels, annotations, starts_at, ends_at, last_seen_at, digest)
    select ${workspaceId}::uuid, c.incident_id, c.source, c.signal_key, c.status, c.labels, c.annotations, c.starts_at, c.ends_at, c.seen_at, c.digest
      from json_to_recordset(${JSON.stringify(write)}::json)
        as c(incident_id uuid, source text, signal_key text, status text, labels jsonb, annotations jsonb,
             starts_at timestamptz, ends_at timestamptz, seen_at timestamptz, digest text)
    on conflict (incident_id, signal_key) do update
       set status = excluded.status, labels = excluded.labels, annotations = excluded.annotations,
           starts_at = coalesce(excluded.starts_at, alert_signals.starts_at), ends_at = excluded.ends_at,
           last_seen_at = excluded.last_seen_at, digest = excluded.digest`);
  return left;
}
