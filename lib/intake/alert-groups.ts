import { hash } from "node:crypto";
import { uuidv7 } from "@/lib/uuidv7";
import { sql } from "drizzle-orm";
import type { Severity } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { insertIncident } from "@/lib/incidents";
import { applyStatusChange } from "@/lib/incidents";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { recordSuppressedSignals, type SuppressedBy } from "@/lib/alerts";
import { levelForSeverity, severityFromAlert } from "./levels";
import type { Remembered } from "./repeat-notifications";
import {
  incidentDraft,
  bumpIncidentsEvents,
  fitMetadata,
  incidentService,
  incidentTitle,
  insertEvents,
  lockWindows,
  openIncidentsOfServices,
  saveWindows,
  timeSpan,
  truncate,
  type NormalizedEvent,
  type OpenIncident,
  type WindowsAndOpen,
} from "./write-path";

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
  /** Events recorded for this notification: its new, changed and stale alerts (unchanged ones are only counted). */
  recorded: number;
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

/** How an alert of a notification compares with what is recorded for it. */
type AlertKind = "new" | "changed" | "unchanged" | "stale";

const STALE_NOTE = "stale: it started before the end already recorded for this alert";

/** The event for one alert (recorded when the alert is new, changed or stale), not yet linked. */
function alertEvent(group: AlertGroup, a: NormalizedAlert, now: Date, kind: AlertKind): NormalizedEvent {
  const severity = alertSeverity(a.labels);
  const name = a.labels.alertname ?? group.commonLabels.alertname ?? "alert";
  const summary = a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? "";
  const stale = kind === "stale";
  // A resolved alert happened at its end, which may not lie ahead of our clock.
  const end = a.endsAt && a.endsAt < now ? a.endsAt : now;
  return {
    id: uuidv7(),
    service: serviceOf(a.labels, group.commonLabels),
    level: a.status === "firing" && !stale ? levelForSeverity(severity) : "INFO",
    message: truncate(`${stale ? "[STALE] " : ""}[${a.status.toUpperCase()}] ${name}${summary ? `: ${summary}` : ""}`, 4_000),
    timestamp: (a.status === "firing" ? a.startsAt : end) ?? now,
    fingerprint: a.fingerprint,
    dedupKey: null,
    // Labels flattened (scalars, which diagnosis reads); annotations are in the message and the raw alert.
    attributes: {
      ...firstLabels(a.labels),
      status: a.status,
      group_key: group.groupKey,
      ...(a.extra ?? {}),
      ...(stale ? { stale: STALE_NOTE } : {}),
    },
    source: group.source,
    raw: a.raw,
    incidentId: null,
  };
}

async function openGroupIncident(tx: Database, integration: Actor, group: AlertGroup, firing: NormalizedAlert[], evs: NormalizedEvent[], urls: string[]) {
  const severity = firing.map((a) => alertSeverity(a.labels)).sort((x, y) => severityOrder.indexOf(x) - severityOrder.indexOf(y))[0];
  const labels = { ...group.commonLabels, ...firing[0].labels };
  const name = group.commonLabels.alertname ?? firing[0].labels.alertname ?? "Alert";
  const summary = group.commonAnnotations.summary ?? firing[0].annotations.summary ?? group.title ?? "";
  const services = [...new Set(firing.map((a) => incidentService(serviceOf(a.labels, group.commonLabels))))].slice(0, 50);
  const span = timeSpan(evs);
  const draft = incidentDraft({
    title: incidentTitle(summary && summary !== name ? `${name}: ${summary}` : name, `${group.source === "grafana" ? "Grafana" : "Alertmanager"} alert`),
    description: truncate(
      group.commonAnnotations.description ?? firing[0].annotations.description ?? `${firing.length} alert(s) firing in group ${group.groupKey}.`,
      10_000,
    ),
    service: incidentService(serviceOf(labels)),
    team: labels.team?.trim() ? truncate(labels.team.trim(), 100) : null,
    severity,
    affectedSystems: services,
    generatedBy: group.source,
    // Label maps may be large (a body is up to 1 MiB): what does not fit stays on the events' raw alerts.
    metadata: fitMetadata({
      [group.source]: {
        group_key: group.groupKey,
        receiver: group.receiver ?? null,
        external_url: group.externalUrl ?? null,
        group_labels: group.groupLabels,
        common_labels: group.commonLabels,
      },
      runbook_urls: urls,
    }),
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
 * What makes a signal "changed": a repeated notification with the same digest records nothing.
 * A firing alert is its start, labels and annotations (its `endsAt` is only a predicted end, which
 * Alertmanager moves on every re-send); a resolved one is its end, labels and annotations.
 */
function signalDigest(a: NormalizedAlert): string {
  // One-shot hash: half the cost of a createHash object, and this runs for every alert.
  const time = a.status === "firing" ? (a.startsAt?.getTime() ?? "") : (a.endsAt?.getTime() ?? "");
  return hash("sha1", `${a.status}\u0000${time}\u0000${JSON.stringify(a.labels)}\u0000${JSON.stringify(a.annotations)}`, "base64");
}

/** The alerts of a notification, one per fingerprint (the last one wins when a body names one twice). */
function distinctAlerts(group: AlertGroup): NormalizedAlert[] {
  if (group.alerts.length < 2) return group.alerts;
  return [...new Map(group.alerts.map((a) => [a.fingerprint, a])).values()];
}

type Step = {
  item: { group: AlertGroup; now: Date };
  key: string;
  alerts: NormalizedAlert[];
  digests: string[];
  kinds: AlertKind[];
  /** For alerts judged against their latest record in another incident: that record. */
  latest: (LatestSignal | undefined)[];
  evs: NormalizedEvent[];
  firing: number;
  urls: string[];
  incident?: OpenIncident | { id: string; number: number; fingerprint: string | null };
  status: "created" | "attached" | "resolved" | null;
  stillOpen: boolean;
};

type LatestSignal = { id: string; incident_id: string; status: string; ends_at: string | null; digest: string | null };

/**
 * Notifications of several alert groups (Alertmanager or Grafana), written together: each group is
 * one incident while it is open, and each alert a signal of it.
 *
 * - A firing alert opens the group's incident, or attaches to the open incident of its service
 *   (whoever opened it: a person, events, another group); a resolved alert never opens anything.
 * - Events are recorded only for alerts that are new or changed (state, start or end, labels,
 *   annotations) and for stale ones; an unchanged re-notification (Alertmanager's group_interval
 *   and repeat_interval, or the second replica of a high-availability pair) only moves its signal's
 *   last-seen time and notification count.
 * - A firing alert whose start is not after the end already recorded for its fingerprint is stale
 *   (an old notification, a lagging replica): it is recorded as an event on the incident that
 *   recorded that end, and opens or reopens nothing.
 * - When every signal of the incident is resolved, the incident is resolved by the integration if
 *   this group opened it (resolved_at is the alerts' latest end); an incident the group only joined
 *   is left to whoever opened it.
 *
 * The groups must be distinct (a second notification of a group in the same flush goes in a later
 * round). Steady state (re-notifications of open groups) is two statements whatever the number of groups.
 */
export async function writeAlertGroups(
  tx: Database,
  integration: Actor,
  items: { group: AlertGroup; now: Date }[],
  /** The groups' windows, already locked in this transaction. */
  locked?: WindowsAndOpen,
): Promise<{ outcomes: AlertGroupOutcome[]; unchanged: (Omit<Remembered, "hashes"> | null)[]; published: RealtimeEvent[] }> {
  const ws = integration.workspaceId;
  const keys = items.map((i) => alertGroupWindowKey(i.group));
  if (new Set(keys).size !== keys.length) throw new Error("writeAlertGroups: one notification per group at a time");
  const { windows, open } = locked ?? (await lockWindows(tx, ws, keys));
  const published: RealtimeEvent[] = [];

  const steps: Step[] = items.map((item, n) => {
    const w = windows.get(keys[n])!;
    const current = w.openIncidentId ? open.get(w.openIncidentId) : undefined;
    const alerts = distinctAlerts(item.group);
    return {
      item,
      key: keys[n],
      alerts,
      digests: alerts.map(signalDigest),
      kinds: [],
      latest: [],
      evs: [],
      firing: item.group.alerts.filter((a) => a.status === "firing").length,
      urls: runbookUrls(item.group.alerts, item.group.commonAnnotations),
      incident: current,
      status: current ? "attached" : null,
      stillOpen: !!current,
    };
  });

  // Groups with no open incident: judge each alert against its latest record anywhere (stale
  // firing, repeated resolved), then open (or join the service's incident) where a fresh alert fires.
  const orphans = steps.filter((s) => !s.incident);
  if (orphans.length > 0) await judgeAgainstLatest(tx, ws, orphans);
  const opening = orphans.filter((s) => s.kinds.some((k, i) => k !== "stale" && s.alerts[i].status === "firing"));
  const joined: Step[] = [];
  if (opening.length > 0) {
    const serviceOf0 = (s: Step) => {
      const first = s.alerts.find((a, i) => a.status === "firing" && s.kinds[i] !== "stale")!;
      return incidentService(serviceOf({ ...s.item.group.commonLabels, ...first.labels }));
    };
    // The services' window locks serialise openers of a service (event writers take them too);
    // under them, an open incident of the service takes the group instead of a second incident.
    const services = [...new Set(opening.map(serviceOf0))];
    await lockWindows(tx, ws, services.map((v) => `svc:${v}`));
    const ofServices = await openIncidentsOfServices(tx, ws, services);
    for (const s of opening) {
      const service = serviceOf0(s);
      const existing = ofServices.get(service);
      if (existing) {
        s.incident = existing;
        s.status = "attached";
        s.stillOpen = true;
        joined.push(s);
        continue;
      }
      // Every alert of the body but the stale ones becomes a signal (and an event) of the new incident.
      s.alerts.forEach((a, i) => {
        if (s.kinds[i] === "stale") return;
        s.kinds[i] = "new";
        s.latest[i] = undefined;
      });
      const fresh = s.alerts.filter((_, i) => s.kinds[i] !== "stale");
      const evs = fresh.map((a) => alertEvent(s.item.group, a, s.item.now, "new"));
      const row = await openGroupIncident(tx, integration, s.item.group, fresh.filter((a) => a.status === "firing"), evs, s.urls);
      s.incident = { id: row.id, number: row.number, fingerprint: row.fingerprint };
      s.status = "created";
      s.stillOpen = true;
      for (const e of evs) e.incidentId = row.id;
      s.evs.push(...evs);
      ofServices.set(service, { id: row.id, number: row.number, status: row.status, version: row.version, fingerprint: row.fingerprint });
      published.push({ type: "incident.created", incidentId: row.id, number: row.number, version: row.version });
    }
  }

  // Groups with an incident they did not just open: compare every alert with that incident's
  // signal (one statement for all of them; unchanged ones are counted there and go no further).
  const judged = steps.filter((s) => s.incident && s.status === "attached");
  for (const s of joined) {
    // Alerts judged stale against another incident stay stale; the rest are judged against this one.
    s.kinds = s.kinds.map((k) => (k === "stale" ? k : "new"));
  }
  const firingLeft = judged.length > 0 ? await judgeAgainstIncident(tx, judged) : new Map<string, number>();

  // Events for what changed, signals for what is new or changed.
  const bumps = new Map<string, { incidentId: string; events: NormalizedEvent[]; urls: string[] }>();
  for (const s of steps) {
    s.alerts.forEach((a, i) => {
      const kind = s.kinds[i];
      if (kind === "unchanged" || (s.status === "created" && kind === "new")) return; // counted / already built
      const ev = alertEvent(s.item.group, a, s.item.now, kind);
      // A stale alert goes to the incident that recorded its end (this one, or an earlier one).
      const target = kind === "stale" ? (s.latest[i]?.incident_id ?? s.incident?.id) : (s.incident?.id ?? s.latest[i]?.incident_id);
      ev.incidentId = target ?? null;
      s.evs.push(ev);
    });
    for (const ev of s.evs) {
      if (!ev.incidentId || (s.status === "created" && ev.incidentId === s.incident?.id)) continue;
      const b = bumps.get(ev.incidentId) ?? { incidentId: ev.incidentId, events: [], urls: [] };
      b.events.push(ev);
      if (ev.incidentId === s.incident?.id) b.urls = [...new Set([...b.urls, ...s.urls])];
      bumps.set(ev.incidentId, b);
    }
  }
  const signalRows = new Map<string, SignalRow>();
  const latestUpdates: { id: string; row: SignalRow }[] = [];
  const latestBumps: { id: string; t: string }[] = [];
  for (const s of steps) {
    const seenAt = s.item.now.toISOString();
    s.alerts.forEach((a, i) => {
      const kind = s.kinds[i];
      const latest = s.latest[i];
      if (s.incident && kind !== "stale" && kind !== "unchanged") {
        signalRows.set(`${s.incident.id}\u0000${a.fingerprint}`, signalRow(s.incident.id, s.item.group, a, seenAt, s.digests[i]));
      } else if (!s.incident && latest && kind === "changed") {
        latestUpdates.push({ id: latest.id, row: signalRow(latest.incident_id, s.item.group, a, seenAt, s.digests[i]) });
      } else if (!s.incident && latest && (kind === "unchanged" || kind === "stale")) {
        latestBumps.push({ id: latest.id, t: seenAt });
      } else if (s.incident && kind === "stale" && latest) {
        latestBumps.push({ id: latest.id, t: seenAt });
      }
    });
  }

  // Events, counts and signals go out together (pipelined), in the order they take their locks.
  const [, counts] = await Promise.all([
    insertEvents(tx, ws, steps.flatMap((s) => s.evs)),
    bumpIncidentsEvents(
      tx,
      ws,
      [...bumps.values()].map((b) => ({ incidentId: b.incidentId, count: b.events.length, ...timeSpan(b.events), urls: b.urls })),
    ),
    upsertSignals(tx, ws, [...signalRows.values()]),
    touchLatest(tx, latestUpdates, latestBumps),
  ]);
  for (const [incidentId] of bumps) published.push({ type: "incident.events", incidentId, eventCount: counts.get(incidentId) ?? 0 });

  for (const s of steps) {
    if (!s.incident || !s.stillOpen) continue;
    const own = s.alerts.filter((a, i) => a.status === "firing" && s.kinds[i] !== "stale").length;
    // A body whose firing alerts are all stale says nothing about the rest: no signal was counted.
    if (s.firing > 0 && own === 0) continue;
    const left = s.status === "created" ? own : (firingLeft.get(s.key) ?? own);
    if (left > 0) continue;
    s.stillOpen = false;
    // Only the group that opened the incident resolves it; one it joined stays as its opener left it.
    if (s.incident.fingerprint !== s.key) continue;
    const ends = s.alerts.map((a) => (a.status === "resolved" ? a.endsAt?.getTime() : undefined)).filter((t): t is number => t !== undefined);
    const { incident: after, changed } = await applyStatusChange(tx, integration, s.incident.id, {
      status: "resolved",
      reason: `All alerts of the group resolved (${integration.name})`,
      at: s.item.now,
      resolvedAt: ends.length > 0 ? new Date(Math.max(...ends)) : null,
    });
    if (changed) published.push({ type: "incident.updated", incidentId: s.incident.id, version: after.version, fields: ["status"] });
    s.status = "resolved";
  }
  // A window row is written when its group's incident opens or closes (or was closed by a person),
  // and whenever a notification changed anything: its version then moves, which tells an instance
  // that remembers the group's unchanged bodies that they may have changed.
  const wrote = steps.map((s) => s.evs.length > 0 || s.status === "created" || s.status === "resolved" || s.kinds.some((k) => k === "new" || k === "changed"));
  await saveWindows(
    tx,
    ws,
    steps
      .map((s, n) => ({ update: { key: s.key, openIncidentId: s.stillOpen ? s.incident!.id : null, pending: [], maxTs: null }, wrote: wrote[n] }))
      .filter(({ update, wrote }) => wrote || update.openIncidentId !== windows.get(update.key)!.openIncidentId)
      .map(({ update }) => update),
  );
  return {
    outcomes: steps.map((s) => ({
      accepted: s.item.group.alerts.length,
      firing: s.firing,
      resolved: s.item.group.alerts.length - s.firing,
      recorded: s.evs.length,
      incident: s.incident && s.status ? { id: s.incident.id, number: s.incident.number, status: s.status } : null,
    })),
    // Notifications that changed nothing, with the state they were judged against.
    unchanged: steps.map((s, n) =>
      !wrote[n] && s.stillOpen && s.status === "attached" && s.incident
        ? { incidentId: s.incident.id, number: s.incident.number, version: windows.get(s.key)!.version, fingerprints: s.alerts.map((a) => a.fingerprint) }
        : null,
    ),
    published,
  };
}

/**
 * For groups with no open incident: each alert's latest record (any incident of the workspace, same
 * source), and from it the alert's kind. A firing alert that started no later than a recorded end is
 * stale; a resolved alert with the same digest as its record is unchanged; anything else is new or
 * changed.
 */
async function judgeAgainstLatest(tx: Database, workspaceId: string, steps: Step[]): Promise<void> {
  const body = steps.flatMap((s, g) => s.alerts.map((a) => ({ g, k: a.fingerprint, src: s.item.group.source })));
  const rows = await queryRows<LatestSignal & { g: number; k: string }>(
    tx,
    sql`
      select distinct on (b.g, b.k) b.g, b.k, s.id, s.incident_id, s.status, s.ends_at, s.digest
        from json_to_recordset(${JSON.stringify(body)}::json) as b(g int, k text, src text)
        join alert_signals s on s.workspace_id = ${workspaceId}::uuid and s.signal_key = b.k and s.source = b.src
       order by b.g, b.k, s.last_seen_at desc, s.id`,
  );
  const found = new Map(rows.map((r) => [`${r.g}\u0000${r.k}`, r]));
  steps.forEach((s, g) => {
    s.alerts.forEach((a, i) => {
      const latest = found.get(`${g}\u0000${a.fingerprint}`);
      s.latest[i] = latest;
      const endMs = latest?.ends_at ? Date.parse(latest.ends_at) : NaN;
      if (a.status === "firing" && latest?.status === "resolved" && a.startsAt && Number.isFinite(endMs) && a.startsAt.getTime() <= endMs) s.kinds[i] = "stale";
      else if (latest && latest.digest === s.digests[i]) s.kinds[i] = "unchanged";
      else s.kinds[i] = latest ? "changed" : "new";
    });
  });
}

/**
 * For groups attached to an open incident: each alert compared with that incident's signal, in one
 * statement that also counts the unchanged and stale ones (last-seen time, notification count).
 * Returns, per group key, a count of firing signals that is 0 exactly when none is left: for a body
 * with no firing alert, the incident's other firing signals (those it does not name); groups whose
 * body fires are left out (the incident stays open whatever the rest do, so nothing is counted).
 */
async function judgeAgainstIncident(tx: Database, steps: Step[]): Promise<Map<string, number>> {
  // Compact (this runs for every alert of every re-notification): the groups as records, their
  // alerts as one flat array of [group, fingerprint, digest, firing, start ms, judged stale
  // elsewhere]. A flat array keeps the planner's row estimate small, so alert_signals is probed by
  // its index rather than scanned.
  const groups = steps.map((s, g) => ({ g, i: s.incident!.id, t: s.item.now.getTime(), c: s.firing === 0 }));
  const alerts = steps.flatMap((s, g) =>
    s.alerts.map((a, i) => [g, a.fingerprint, s.digests[i], a.status === "firing" ? 1 : 0, a.startsAt?.getTime() ?? null, s.kinds[i] === "stale" ? 1 : 0]),
  );
  const rows = await queryRows<{ g: number; k: string | null; kind: string | null; others: number | null }>(
    tx,
    sql`
    with groups as (
      select * from json_to_recordset(${JSON.stringify(groups)}::json) as s(g int, i uuid, t float8, c boolean)
    ), body as (
      select (e->>0)::int as g, s.i, to_timestamp(s.t / 1000.0) as t, s.c, e->>1 as k, e->>2 as d, (e->>3)::int = 1 as f,
             to_timestamp((e->>4)::float8 / 1000.0) as s, (e->>5)::int = 1 as x
        from json_array_elements(${JSON.stringify(alerts)}::json) as e
        join groups s on s.g = (e->>0)::int
    ), judged as (
      select b.g, b.i, b.k, b.t, s.id as sid,
             case when b.x then 'skip'
                  when s.id is null then 'new'
                  when b.f and s.status = 'resolved' and s.ends_at is not null and b.s is not null and b.s <= s.ends_at then 'stale'
                  when s.digest = b.d then 'unchanged'
                  else 'changed' end as kind
        from body b left join alert_signals s on s.incident_id = b.i and s.signal_key = b.k
    ), counted as (
      update alert_signals s set last_seen_at = greatest(s.last_seen_at, j.t), notifications = s.notifications + 1
        from judged j
       where s.id = j.sid and j.kind in ('unchanged', 'stale')
      returning 1
    )
    select g, k, kind, null::int as others from judged where kind <> 'unchanged'
    union all
    -- Firing signals of each incident to count (as before this statement) minus those this body names.
    select q.g, null, null, ((select count(*) from alert_signals s where s.incident_id = q.i and s.status = 'firing')
          - (select count(*) from body b join alert_signals s on s.incident_id = b.i and s.signal_key = b.k
              where b.g = q.g and s.status = 'firing'))::int
      from (select distinct g, i from body where c) q`,
  );
  const kinds = new Map<string, AlertKind>();
  const left = new Map<string, number>();
  for (const r of rows) {
    if (r.k !== null && r.kind !== null && r.kind !== "skip") kinds.set(`${r.g}\u0000${r.k}`, r.kind as AlertKind);
    else if (r.k === null) left.set(steps[r.g].key, Number(r.others ?? 0));
  }
  steps.forEach((s, g) => {
    s.alerts.forEach((a, i) => {
      if (s.kinds[i] === "stale" && s.latest[i]) return; // judged against its own record elsewhere
      s.kinds[i] = kinds.get(`${g}\u0000${a.fingerprint}`) ?? "unchanged";
      // Stale against this incident's own resolved signal: its event goes here.
      if (s.kinds[i] === "stale") s.latest[i] = undefined;
    });
  });
  return left;
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

function signalRow(incidentId: string, group: AlertGroup, a: NormalizedAlert, seenAt: string, digest: string): SignalRow {
  return {
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
  };
}

/** Writes new and changed signals in full (a changed one counts one more notification). */
async function upsertSignals(tx: Database, workspaceId: string, rows: SignalRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into alert_signals (workspace_id, incident_id, source, signal_key, status, labels, annotations, starts_at, ends_at, last_seen_at, digest)
    select ${workspaceId}::uuid, c.incident_id, c.source, c.signal_key, c.status, c.labels, c.annotations, c.starts_at, c.ends_at, c.seen_at, c.digest
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as c(incident_id uuid, source text, signal_key text, status text, labels jsonb, annotations jsonb,
             starts_at timestamptz, ends_at timestamptz, seen_at timestamptz, digest text)
    on conflict (incident_id, signal_key) do update
       set status = excluded.status, labels = excluded.labels, annotations = excluded.annotations,
           starts_at = coalesce(excluded.starts_at, alert_signals.starts_at), ends_at = excluded.ends_at,
           last_seen_at = greatest(alert_signals.last_seen_at, excluded.last_seen_at), digest = excluded.digest,
           notifications = alert_signals.notifications + 1`);
}

/**
 * For alerts of groups with no open incident: updates a record that changed (a resolved alert whose
 * incident a person closed while it fired) and counts the notification on records that did not.
 */
async function touchLatest(tx: Database, updates: { id: string; row: SignalRow }[], bumps: { id: string; t: string }[]): Promise<void> {
  if (updates.length > 0) {
    const payload = updates.map((u) => ({ id: u.id, status: u.row.status, ends_at: u.row.ends_at, seen_at: u.row.seen_at, digest: u.row.digest, labels: u.row.labels, annotations: u.row.annotations }));
    await tx.execute(sql`
      update alert_signals s
         set status = v.status, ends_at = v.ends_at, labels = v.labels, annotations = v.annotations, digest = v.digest,
             last_seen_at = greatest(s.last_seen_at, v.seen_at), notifications = s.notifications + 1
        from json_to_recordset(${JSON.stringify(payload)}::json)
          as v(id uuid, status text, ends_at timestamptz, seen_at timestamptz, digest text, labels jsonb, annotations jsonb)
       where s.id = v.id`);
  }
  if (bumps.length > 0) {
    await tx.execute(sql`
      update alert_signals s set last_seen_at = greatest(s.last_seen_at, v.t), notifications = s.notifications + 1
        from json_to_recordset(${JSON.stringify(bumps)}::json) as v(id uuid, t timestamptz)
       where s.id = v.id`);
  }
}

/** What a silence looks at in an alert: its service and its name with its summary. */
export function alertFacts(group: AlertGroup, a: NormalizedAlert): { service: string; text: string } {
  const name = a.labels.alertname ?? group.commonLabels.alertname ?? "alert";
  const summary = a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? "";
  return { service: incidentService(serviceOf(a.labels, group.commonLabels)), text: summary ? `${name}: ${summary}` : name };
}

/**
 * Alerts a silence or maintenance window holds (lib/alerts): each is counted on its row of the
 * alerts list, and recorded as an unlinked event when it is new there or changed (an unchanged
 * re-notification only counts). Returns the number of events recorded.
 */
export async function writeHeldAlerts(
  tx: Database,
  workspaceId: string,
  group: AlertGroup,
  alerts: NormalizedAlert[],
  held: Map<string, SuppressedBy>,
  now: Date,
): Promise<number> {
  if (alerts.length === 0) return 0;
  const changed = await recordSuppressedSignals(
    tx,
    workspaceId,
    alerts.map((a) => {
      const f = alertFacts(group, a);
      return {
        source: group.source,
        signalKey: a.fingerprint,
        service: f.service,
        title: truncate(f.text, 500),
        level: levelForSeverity(alertSeverity(a.labels)),
        labels: firstLabels({ ...group.commonLabels, ...a.labels }),
        by: held.get(a.fingerprint)!,
        at: now,
        digest: signalDigest(a),
      };
    }),
  );
  const evs = alerts.filter((a) => changed.has(`${group.source}\u0000${a.fingerprint}`)).map((a) => alertEvent(group, a, now, "new"));
  if (evs.length > 0) await insertEvents(tx, workspaceId, evs);
  return evs.length;
}
