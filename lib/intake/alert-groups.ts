import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Severity } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createIncidentSchema } from "@/lib/incidents/schemas";
import { insertIncident } from "@/lib/incidents/create-incident";
import { applyStatusChange } from "@/lib/incidents/change-status";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { levelForSeverity, severityFromAlert } from "./levels";
import { insertEvents, loadOpenIncidents, lockWindows, saveWindows, timeSpan, truncate, type NormalizedEvent } from "./pipeline";

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

function serviceOf(labels: Record<string, string>): string {
  return labels.service ?? labels.job ?? labels.app ?? labels.namespace ?? labels.instance ?? labels.alertname ?? "unknown";
}

function runbookUrls(alerts: NormalizedAlert[], common: Record<string, string>): string[] {
  const urls = new Set<string>();
  for (const a of [{ annotations: common }, ...alerts]) {
    const u = a.annotations.runbook_url ?? a.annotations.runbook;
    if (u) urls.add(u);
  }
  return [...urls].slice(0, 20);
}

/**
 * One notification of an alert group (Alertmanager or Grafana): the group is one incident while it
 * is open; each alert is a signal of it. Firing opens or updates; resolved marks its signal resolved
 * and never opens; when every signal is resolved the incident is resolved, by the integration.
 */
export async function writeAlertGroup(
  tx: Database,
  integration: Actor,
  group: AlertGroup,
  now: Date,
): Promise<{ outcome: AlertGroupOutcome; published: RealtimeEvent[] }> {
  const ws = integration.workspaceId;
  const key = `${group.source === "alertmanager" ? "am" : "gf"}:${group.groupKey}`;
  const windows = await lockWindows(tx, ws, [key]);
  const w = windows.get(key)!;
  const open = await loadOpenIncidents(tx, ws, [w]);
  let incident = w.openIncidentId ? open.get(w.openIncidentId) : undefined;
  const firing = group.alerts.filter((a) => a.status === "firing");
  const published: RealtimeEvent[] = [];
  let status: "created" | "attached" | "resolved" | null = incident ? "attached" : null;
  const urls = runbookUrls(group.alerts, group.commonAnnotations);

  const evs: NormalizedEvent[] = group.alerts.map((a) => {
    const severity = alertSeverity(a.labels);
    const name = a.labels.alertname ?? group.commonLabels.alertname ?? "alert";
    const summary = a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? "";
    return {
      id: randomUUID(),
      service: serviceOf({ ...group.commonLabels, ...a.labels }),
      level: a.status === "firing" ? levelForSeverity(severity) : "INFO",
      message: truncate(`[${a.status.toUpperCase()}] ${name}${summary ? `: ${summary}` : ""}`, 4_000),
      timestamp: (a.status === "firing" ? a.startsAt : (a.endsAt ?? a.startsAt)) ?? now,
      fingerprint: a.fingerprint,
      dedupKey: null,
      attributes: { labels: a.labels, annotations: a.annotations, status: a.status, group_key: group.groupKey, ...(a.extra ?? {}) },
      source: group.source,
      raw: a.raw,
    };
  });

  if (!incident && firing.length > 0) {
    const severity = firing.map((a) => alertSeverity(a.labels)).sort((x, y) => severityOrder.indexOf(x) - severityOrder.indexOf(y))[0];
    const labels = { ...group.commonLabels, ...firing[0].labels };
    const name = group.commonLabels.alertname ?? firing[0].labels.alertname ?? "Alert";
    const summary = group.commonAnnotations.summary ?? firing[0].annotations.summary ?? group.title ?? "";
    const services = [...new Set(firing.map((a) => serviceOf({ ...group.commonLabels, ...a.labels })))].slice(0, 50);
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
    const row = await insertIncident(tx, integration, {
      ...draft,
      source: group.source,
      fingerprint: key,
      eventCount: evs.length,
      firstEventAt: span.first,
      lastEventAt: span.last,
    });
    incident = { id: row.id, number: row.number, status: row.status, version: row.version };
    status = "created";
    published.push({ type: "incident.created", incidentId: row.id, number: row.number, version: row.version });
  }

  await insertEvents(tx, ws, evs.map((e) => ({ ...e, incidentId: incident?.id ?? null })));

  let stillOpen = !!incident;
  if (incident) {
    if (status === "attached") {
      const eventCount = await bumpGroupIncident(tx, ws, incident.id, { count: evs.length, ...timeSpan(evs) }, urls);
      published.push({ type: "incident.events", incidentId: incident.id, eventCount });
    }
    const firingLeft = await upsertSignals(tx, ws, incident.id, group, now);
    if (firingLeft === 0) {
      const { incident: after, changed } = await applyStatusChange(tx, integration, incident.id, {
        status: "resolved",
        reason: `All alerts of the group resolved (${integration.name})`,
        at: now,
      });
      if (changed) published.push({ type: "incident.updated", incidentId: incident.id, version: after.version, fields: ["status"] });
      status = "resolved";
      stillOpen = false;
    }
  }
  // The window row changes only when the group's incident opens or closes (or was closed by a person).
  const openIncidentId = stillOpen ? incident!.id : null;
  if (openIncidentId !== w.openIncidentId) await saveWindows(tx, ws, [{ key, openIncidentId, pending: [], maxTs: null }]);
  return {
    outcome: {
      accepted: evs.length,
      firing: firing.length,
      resolved: group.alerts.length - firing.length,
      incident: incident && status ? { id: incident.id, number: incident.number, status } : null,
    },
    published,
  };
}

/**
 * Writes this notification's signals and returns how many signals of the incident are still firing,
 * in one statement: the others (not named in this body) as they were, plus this body's firing ones.
 */
async function upsertSignals(tx: Database, workspaceId: string, incidentId: string, group: AlertGroup, now: Date): Promise<number> {
  // The last notification about an alert wins when one body names it twice.
  const byKey = new Map(group.alerts.map((a) => [a.fingerprint, a]));
  const rows = [...byKey.values()].map((a) => ({
    signal_key: a.fingerprint,
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    starts_at: a.startsAt?.toISOString() ?? null,
    ends_at: a.endsAt?.toISOString() ?? null,
  }));
  const firingHere = rows.filter((r) => r.status === "firing").length;
  const [row] = await queryRows<{ others: number }>(
    tx,
    sql`
    with body as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(signal_key text, status text, labels jsonb, annotations jsonb, starts_at timestamptz, ends_at timestamptz)
    ), up as (
      insert into alert_signals (workspace_id, incident_id, source, signal_key, status, labels, annotations, starts_at, ends_at, last_seen_at)
      select ${workspaceId}::uuid, ${incidentId}::uuid, ${group.source}, b.signal_key, b.status, b.labels, b.annotations, b.starts_at, b.ends_at, ${now.toISOString()}::timestamptz
        from body b
      on conflict (incident_id, signal_key) do update
         set status = excluded.status, labels = excluded.labels, annotations = excluded.annotations,
             starts_at = coalesce(excluded.starts_at, alert_signals.starts_at), ends_at = excluded.ends_at, last_seen_at = excluded.last_seen_at
       -- Repeated notifications mostly repeat: rewrite a signal only when it changed (or once a minute).
       where alert_signals.status is distinct from excluded.status
          or alert_signals.ends_at is distinct from excluded.ends_at
          or alert_signals.labels is distinct from excluded.labels
          or alert_signals.annotations is distinct from excluded.annotations
          or alert_signals.last_seen_at < excluded.last_seen_at - interval '1 minute'
      returning 1
    )
    select (select count(*) from up)::int as written,
           (select count(*) from alert_signals s
             where s.workspace_id = ${workspaceId}::uuid and s.incident_id = ${incidentId}::uuid and s.status = 'firing'
               and s.signal_key not in (select signal_key from body))::int as others`,
  );
  return Number(row?.others ?? 0) + firingHere;
}

/** Counts the notification's events on the incident and adds runbook URLs it has not seen yet. */
async function bumpGroupIncident(
  tx: Database,
  workspaceId: string,
  incidentId: string,
  batch: { count: number; first: Date; last: Date },
  urls: string[],
): Promise<number> {
  const [row] = await queryRows<{ event_count: number }>(
    tx,
    sql`
    update incidents
       set event_count = event_count + ${batch.count},
           first_event_at = least(coalesce(first_event_at, ${batch.first.toISOString()}::timestamptz), ${batch.first.toISOString()}::timestamptz),
           last_event_at = greatest(coalesce(last_event_at, ${batch.last.toISOString()}::timestamptz), ${batch.last.toISOString()}::timestamptz),
           metadata = case
             when ${JSON.stringify(urls)}::jsonb <@ coalesce(metadata->'runbook_urls', '[]'::jsonb) then metadata
             else jsonb_set(metadata, '{runbook_urls}', (
               select coalesce(jsonb_agg(distinct u), '[]'::jsonb)
                 from jsonb_array_elements(coalesce(metadata->'runbook_urls', '[]'::jsonb) || ${JSON.stringify(urls)}::jsonb) as u))
           end
     where workspace_id = ${workspaceId}::uuid and id = ${incidentId}::uuid
 returning event_count`,
  );
  return Number(row?.event_count ?? 0);
}
