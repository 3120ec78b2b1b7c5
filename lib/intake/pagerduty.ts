import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { intakeWindows } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";
import { insertIncident } from "@/lib/incidents";
import { applyStatusChange } from "@/lib/incidents";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { zodIssues } from "@/lib/result";
import { findBadString } from "@/lib/validation/strings-and-times";
import type { SuppressedBy, Suppressions } from "@/lib/alerts";
import { pagerDutyEventSchema, pagerDutyPayloadSchema } from "./schemas";
import { severityFromAlert } from "./levels";
import {
  incidentDraft,
  bumpIncidentEvents,
  fitMetadata,
  incidentService,
  incidentTitle,
  insertEvents,
  loadOpenIncidents,
  lockWindows,
  openIncidentsOfServices,
  saveWindows,
  truncate,
  type NormalizedEvent,
} from "./write-path";

const levelBySeverity = { critical: "CRITICAL", error: "ERROR", warning: "WARNING", info: "INFO" } as const;

export type PagerDutyEvent =
  | { action: "trigger"; dedupKey: string; generated: boolean; payload: z.output<typeof pagerDutyPayloadSchema>; raw: unknown }
  | { action: "acknowledge" | "resolve"; dedupKey: string; raw: unknown };

/**
 * PagerDuty Events API v2. Invalid events are a 400 naming the field, as PagerDuty answers them.
 * The whole body is kept as the event's raw payload, so every string in it must be storable.
 */
export function parsePagerDuty(body: unknown): PagerDutyEvent {
  const bad = findBadString(body);
  if (bad) throw invalidEvent([{ path: bad.path.map(String).join(".") || "(body)", message: bad.message }]);
  const e = pagerDutyEventSchema.safeParse(body);
  if (!e.success) throw invalidEvent(zodIssues(e.error));
  const { event_action: action, dedup_key } = e.data;
  if (action === "trigger") {
    const p = pagerDutyPayloadSchema.safeParse(e.data.payload);
    if (!p.success) {
      const issues = e.data.payload && typeof e.data.payload === "object" ? zodIssues(p.error).map((i) => ({ ...i, path: `payload.${i.path}` })) : [{ path: "payload", message: "is required" }];
      throw invalidEvent(issues);
    }
    return { action, dedupKey: dedup_key ?? randomUUID().replace(/-/g, ""), generated: !dedup_key, payload: p.data, raw: body };
  }
  if (!dedup_key) throw invalidEvent([{ path: "dedup_key", message: `is required to ${action}` }]);
  return { action, dedupKey: dedup_key, raw: body };
}

function invalidEvent(issues: { path: string; message: string }[]): AppError {
  return new AppError("bad_request:pagerduty", `Event object is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
}

export type PagerDutyOutcome = {
  dedupKey: string;
  incident: { id: string; number: number; status: "created" | "attached" | "acknowledged" | "resolved" } | null;
  /** A silence or maintenance window held this trigger: recorded, nothing opened. */
  suppressed?: boolean;
};

/** A trigger that a silence or maintenance window holds, with the event it is recorded as; else null. */
export function heldPagerDutyEvent(suppressions: Suppressions, event: PagerDutyEvent, now: Date): { event: NormalizedEvent; by: SuppressedBy } | null {
  if (suppressions.empty || event.action !== "trigger") return null;
  const p = event.payload;
  const ev = eventRow(event, now, p.summary, levelBySeverity[p.severity], p);
  const labels: Record<string, string> = { severity: p.severity, source: p.source };
  if (p.component) labels.component = p.component;
  if (p.group) labels.group = p.group;
  if (p.class) labels.class = p.class;
  const by = suppressions.match({ source: "pagerduty", service: ev.service, labels, text: p.summary, at: now });
  return by ? { event: ev, by } : null;
}

/**
 * trigger opens (or attaches to the open incident of the dedup key, else to the open incident of
 * its service, whoever opened it); acknowledge moves it to Investigating; resolve resolves it.
 * Acknowledge and resolve change the status only of an incident this dedup key opened: on one it
 * joined they are recorded, and resolve ends the key's link. Keys dedupe against open incidents
 * only: after a resolve, acknowledge/resolve change nothing and a new trigger opens a new incident.
 */
export async function writePagerDutyEvent(
  tx: Database,
  integration: Actor,
  event: PagerDutyEvent,
  now: Date,
): Promise<{ outcome: PagerDutyOutcome; published: RealtimeEvent[] }> {
  const ws = integration.workspaceId;
  const key = `pd:${event.dedupKey}`;
  const published: RealtimeEvent[] = [];
  const none = { outcome: { dedupKey: event.dedupKey, incident: null }, published };

  if (event.action !== "trigger") {
    // Unknown or closed keys answer 202 and write nothing, so no window row is created for them.
    const [w] = await tx
      .select()
      .from(intakeWindows)
      .where(and(eq(intakeWindows.workspaceId, ws), eq(intakeWindows.key, key)))
      .for("update");
    const current = w ? (await loadOpenIncidents(tx, ws, [w])).get(w.openIncidentId ?? "") : undefined;
    if (!w || !current) return none;
    const ev = eventRow(event, now, `[${event.action.toUpperCase()}] via PagerDuty Events API`, "INFO");
    await insertEvents(tx, ws, [{ ...ev, incidentId: current.id }]);
    const eventCount = await bumpIncidentEvents(tx, ws, current.id, { count: 1, first: ev.timestamp, last: ev.timestamp });
    published.push({ type: "incident.events", incidentId: current.id, eventCount });
    if (current.fingerprint !== key) {
      // An incident this key joined (opened by a person or another source): its opener decides its status.
      if (event.action === "resolve") await saveWindows(tx, ws, [{ key, openIncidentId: null, pending: [], maxTs: null }]);
      return { outcome: { dedupKey: event.dedupKey, incident: { id: current.id, number: current.number, status: "attached" } }, published };
    }
    if (event.action === "acknowledge") {
      if (current.status === "triage") {
        const { incident } = await applyStatusChange(tx, integration, current.id, { status: "investigating", reason: "Acknowledged in PagerDuty", at: now });
        published.push({ type: "incident.updated", incidentId: current.id, version: incident.version, fields: ["status"] });
      }
      return { outcome: { dedupKey: event.dedupKey, incident: { id: current.id, number: current.number, status: "acknowledged" } }, published };
    }
    const { incident } = await applyStatusChange(tx, integration, current.id, { status: "resolved", reason: "Resolved in PagerDuty", at: now });
    published.push({ type: "incident.updated", incidentId: current.id, version: incident.version, fields: ["status"] });
    await saveWindows(tx, ws, [{ key, openIncidentId: null, pending: [], maxTs: null }]);
    return { outcome: { dedupKey: event.dedupKey, incident: { id: current.id, number: current.number, status: "resolved" } }, published };
  }

  const p = event.payload;
  const { windows, open } = await lockWindows(tx, ws, [key]);
  const w = windows.get(key)!;
  const current = open.get(w.openIncidentId ?? "");
  const ev = eventRow(event, now, p.summary, levelBySeverity[p.severity], p);
  // No incident for the key: the open incident of its service takes it, under the service's window
  // lock (the lock every opener of that service takes).
  let joined = current;
  if (!joined) {
    const service = incidentService(p.component || p.source);
    await lockWindows(tx, ws, [`svc:${service}`]);
    joined = (await openIncidentsOfServices(tx, ws, [service])).get(service);
    if (joined) await saveWindows(tx, ws, [{ key, openIncidentId: joined.id, pending: [], maxTs: null }]);
  }
  if (joined) {
    const current = joined;
    await insertEvents(tx, ws, [{ ...ev, incidentId: current.id }]);
    const eventCount = await bumpIncidentEvents(tx, ws, current.id, { count: 1, first: ev.timestamp, last: ev.timestamp });
    published.push({ type: "incident.events", incidentId: current.id, eventCount });
    return { outcome: { dedupKey: event.dedupKey, incident: { id: current.id, number: current.number, status: "attached" } }, published };
  }
  const draft = incidentDraft({
    title: incidentTitle(p.summary, "PagerDuty alert"),
    description: truncate(`${p.summary}\n\nSource: ${p.source}${p.class ? ` · class ${p.class}` : ""}`, 10_000),
    service: incidentService(p.component || p.source),
    team: p.group ? truncate(p.group, 100) : null,
    severity: severityFromAlert(p.severity),
    affectedSystems: [incidentService(p.source)],
    generatedBy: "pagerduty",
    // custom_details may be up to PagerDuty's 512 KB: what does not fit stays on the event's raw payload.
    metadata: fitMetadata({
      pagerduty: { dedup_key: event.dedupKey, source: p.source, component: p.component ?? null, group: p.group ?? null, class: p.class ?? null },
      ...(p.custom_details !== undefined ? { custom_details: p.custom_details } : {}),
    }),
  });
  const row = await insertIncident(tx, integration, {
    ...draft,
    source: "pagerduty",
    fingerprint: key,
    eventCount: 1,
    firstEventAt: ev.timestamp,
    lastEventAt: ev.timestamp,
  });
  await insertEvents(tx, ws, [{ ...ev, incidentId: row.id }]);
  await saveWindows(tx, ws, [{ key, openIncidentId: row.id, pending: [], maxTs: null }]);
  published.push({ type: "incident.created", incidentId: row.id, number: row.number, version: row.version });
  return { outcome: { dedupKey: event.dedupKey, incident: { id: row.id, number: row.number, status: "created" } }, published };
}

function eventRow(
  event: PagerDutyEvent,
  now: Date,
  message: string,
  level: NormalizedEvent["level"],
  p?: z.output<typeof pagerDutyPayloadSchema>,
): NormalizedEvent {
  return {
    id: randomUUID(),
    service: p ? incidentService(p.component || p.source) : "pagerduty",
    level,
    message: truncate(message, 4_000),
    timestamp: p?.timestamp ?? now,
    fingerprint: null,
    dedupKey: event.dedupKey,
    attributes: p
      ? { event_action: event.action, source: p.source, severity: p.severity, component: p.component ?? null, group: p.group ?? null, class: p.class ?? null }
      : { event_action: event.action },
    source: "pagerduty",
    raw: event.raw,
    incidentId: null,
  };
}
