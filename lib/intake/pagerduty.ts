import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { intakeWindows } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";
import { createIncidentSchema } from "@/lib/incidents/shared";
import { insertIncident } from "@/lib/incidents";
import { applyStatusChange } from "@/lib/incidents";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { zodIssues } from "@/lib/result";
import { severityFromAlert } from "./levels";
import { pagerDutyEventSchema, pagerDutyPayloadSchema } from "./schemas";
import { bumpIncidentEvents, insertEvents, loadOpenIncidents, lockWindows, saveWindows, truncate, type NormalizedEvent } from "./pipeline";

const levelBySeverity = { critical: "CRITICAL", error: "ERROR", warning: "WARNING", info: "INFO" } as const;

export type PagerDutyEvent =
  | { action: "trigger"; dedupKey: string; generated: boolean; payload: z.output<typeof pagerDutyPayloadSchema>; raw: unknown }
  | { action: "acknowledge" | "resolve"; dedupKey: string; raw: unknown };

/** PagerDuty Events API v2. Invalid events are a 400 naming the field, as PagerDuty answers them. */
export function parsePagerDuty(body: unknown): PagerDutyEvent {
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
};

/**
 * trigger opens (or attaches to the open incident of the dedup key); acknowledge moves it to
 * Investigating; resolve resolves it. Keys dedupe against open incidents only: after a resolve,
 * acknowledge/resolve change nothing and a new trigger opens a new incident.
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
  if (current) {
    await insertEvents(tx, ws, [{ ...ev, incidentId: current.id }]);
    const eventCount = await bumpIncidentEvents(tx, ws, current.id, { count: 1, first: ev.timestamp, last: ev.timestamp });
    published.push({ type: "incident.events", incidentId: current.id, eventCount });
    return { outcome: { dedupKey: event.dedupKey, incident: { id: current.id, number: current.number, status: "attached" } }, published };
  }
  const draft = createIncidentSchema.parse({
    title: truncate(p.summary, 200),
    description: truncate(`${p.summary}\n\nSource: ${p.source}${p.class ? ` · class ${p.class}` : ""}`, 10_000),
    service: truncate(p.component || p.source, 100),
    team: p.group ? truncate(p.group, 100) : null,
    severity: severityFromAlert(p.severity),
    affectedSystems: [p.source.slice(0, 100)],
    generatedBy: "pagerduty",
    metadata: {
      pagerduty: { dedup_key: event.dedupKey, source: p.source, component: p.component ?? null, group: p.group ?? null, class: p.class ?? null },
      ...(p.custom_details !== undefined ? { custom_details: p.custom_details } : {}),
    },
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
  const ts = p?.timestamp ? Date.parse(p.timestamp) : NaN;
  return {
    id: randomUUID(),
    service: truncate(p ? p.component || p.source : "pagerduty", 100),
    level,
    message: truncate(message, 4_000),
    timestamp: Number.isFinite(ts) ? new Date(ts) : now,
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
