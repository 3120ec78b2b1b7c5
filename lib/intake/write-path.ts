import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { events, incidents, intakeWindows, openStatuses, type EventLevel, type IntakeWindow, type PendingEntry } from "@/db/schema";
import { queryRows, type Database } from "@/db/client";
import { redactApiKeys } from "@/lib/auth";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { createIncidentSchema } from "@/lib/incidents/shared";
import { zodIssues } from "@/lib/result";

/** An event ready to be written, whatever integration it came from. */
export type NormalizedEvent = {
  id: string;
  service: string;
  level: EventLevel;
  message: string;
  timestamp: Date;
  fingerprint: string | null;
  dedupKey: string | null;
  attributes: Record<string, unknown>;
  source: string;
  raw: unknown;
  /** The incident it goes to, set by the writer once that is decided (null: none). */
  incidentId: string | null;
};

/** An incident intake may attach to: open (triage, investigating, fixing) and receiving intake. */
export type OpenIncident = { id: string; number: number; status: string; version: number; fingerprint: string | null };

/**
 * The conditions that make an incident one intake attaches to, written as literals so that the
 * planner can match them to the partial index of open incidents (`incidents_workspace_service_open_idx`).
 */
const OPEN_LIST = sql.raw(openStatuses.map((st) => `'${st}'`).join(", "));
const receiving = () => sql`${incidents.status} in (${OPEN_LIST}) and ${incidents.receivesIntake}`;

/**
 * Locks the window rows of `keys` (creating missing ones) for the rest of the transaction, in key
 * order so that two batches touching the same keys cannot deadlock, and returns them with their
 * still-open incidents (one query in the steady state). This lock is what makes threshold crossings
 * exactly-once across concurrent writers and app instances. Existing rows are locked with
 * SELECT … FOR UPDATE (no new row version on hot keys); missing ones are inserted, and a concurrent
 * insert of the same key is waited for, then locked.
 */
export async function lockWindows(tx: Database, workspaceId: string, keys: string[]): Promise<WindowsAndOpen> {
  const sorted = Array.from(new Set(keys)).sort();
  const found = await readWindows(tx, workspaceId, sorted, { lock: true });
  const missing = sorted.filter((k) => !found.windows.has(k));
  if (missing.length > 0) {
    const inserted = await tx
      .insert(intakeWindows)
      .values(missing.map((key) => ({ workspaceId, key })))
      .onConflictDoNothing()
      .returning();
    for (const row of inserted) found.windows.set(row.key, row);
    const raced = missing.filter((k) => !found.windows.has(k));
    if (raced.length > 0) {
      const again = await readWindows(tx, workspaceId, raced, { lock: true });
      for (const [k, w] of again.windows) found.windows.set(k, w);
      for (const [id, o] of again.open) found.open.set(id, o);
    }
  }
  // A row we waited for is re-read once the other writer commits, but its join is not: an incident
  // that writer just opened is missing from `open`. Those are looked up again with a fresh snapshot.
  const unseen = [...found.windows.values()].filter((w) => w.openIncidentId && !found.open.has(w.openIncidentId));
  for (const [id, o] of await loadOpenIncidents(tx, workspaceId, unseen)) found.open.set(id, o);
  return found;
}

export type WindowsAndOpen = { windows: Map<string, IntakeWindow>; open: Map<string, OpenIncident> };

/**
 * The window rows of `keys` with their still-open incidents, in one query: as they are now, or
 * locked (in key order) with `lock`.
 */
export async function readWindows(tx: Database, workspaceId: string, keys: string[], options: { lock?: boolean } = {}): Promise<WindowsAndOpen> {
  const windows = new Map<string, IntakeWindow>();
  const open = new Map<string, OpenIncident>();
  if (keys.length === 0) return { windows, open };
  const query = tx
    .select({ w: intakeWindows, id: incidents.id, number: incidents.number, status: incidents.status, version: incidents.version, fingerprint: incidents.fingerprint })
    .from(intakeWindows)
    .leftJoin(incidents, and(eq(incidents.id, intakeWindows.openIncidentId), eq(incidents.workspaceId, workspaceId), receiving()))
    .where(and(eq(intakeWindows.workspaceId, workspaceId), inArray(intakeWindows.key, keys)));
  const rows = options.lock ? await query.orderBy(intakeWindows.key).for("update", { of: intakeWindows }) : await query;
  for (const r of rows) {
    windows.set(r.w.key, r.w);
    if (r.id && r.number !== null && r.status && r.version !== null) {
      open.set(r.id, { id: r.id, number: r.number, status: r.status, version: r.version, fingerprint: r.fingerprint });
    }
  }
  return { windows, open };
}

/**
 * Each window's version and whether the incident it points at is still one intake attaches to: the
 * cheapest look at a group (a hand-written statement: this runs for every re-notification).
 */
export async function readWindowStates(
  db: Database,
  workspaceId: string,
  keys: string[],
): Promise<Map<string, { openIncidentId: string | null; version: number }>> {
  const out = new Map<string, { openIncidentId: string | null; version: number }>();
  if (keys.length === 0) return out;
  const rows = await queryRows<{ key: string; open_incident_id: string | null; version: number }>(
    db,
    sql`
      select w.key, i.id as open_incident_id, w.version
        from intake_windows w
        left join incidents i on i.id = w.open_incident_id and i.workspace_id = ${workspaceId}::uuid
                             and i.status in (${OPEN_LIST}) and i.receives_intake
       where w.workspace_id = ${workspaceId}::uuid and w.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`,
  );
  for (const r of rows) out.set(r.key, { openIncidentId: r.open_incident_id, version: Number(r.version) });
  return out;
}

/** The still-open incidents among those the windows point at (a person may have resolved one since). */
export async function loadOpenIncidents(tx: Database, workspaceId: string, windows: Iterable<IntakeWindow>): Promise<Map<string, OpenIncident>> {
  const ids = Array.from(new Set(Array.from(windows, (w) => w.openIncidentId).filter((id): id is string => !!id)));
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: incidents.id, number: incidents.number, status: incidents.status, version: incidents.version, fingerprint: incidents.fingerprint })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), inArray(incidents.id, ids), receiving()));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Each service's open real incident that receives intake, whoever opened it (the oldest when there
 * are several). Only real incidents take signals by service: a drill's (training, synthetic)
 * incidents are keyed by their run and never mix with production's. Probes a partial index of open
 * real incidents: cheap on every flush.
 */
export async function openIncidentsOfServices(tx: Database, workspaceId: string, services: string[]): Promise<Map<string, OpenIncident>> {
  const out = new Map<string, OpenIncident>();
  if (services.length === 0) return out;
  const rows = await tx
    .select({ id: incidents.id, number: incidents.number, status: incidents.status, version: incidents.version, fingerprint: incidents.fingerprint, service: incidents.service })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), inArray(incidents.service, [...new Set(services)]), receiving(), sql`${incidents.incidentType} = 'real'`))
    .orderBy(incidents.number);
  for (const { service, ...r } of rows) if (!out.has(service)) out.set(service, r);
  return out;
}

export type WindowUpdate = { key: string; openIncidentId: string | null; pending: PendingEntry[]; maxTs: number | null };

/** Writes the new state of several window rows in one statement. */
export async function saveWindows(tx: Database, workspaceId: string, updates: WindowUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const values = sql.join(
    updates.map((u) => sql`(${u.key}::text, ${u.openIncidentId}::uuid, ${JSON.stringify(u.pending)}::jsonb, ${u.maxTs === null ? null : Math.round(u.maxTs)}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    update intake_windows as w
       set open_incident_id = v.open_incident_id, pending = v.pending, max_ts = v.max_ts, updated_at = now(), version = w.version + 1
      from (values ${values}) as v(key, open_incident_id, pending, max_ts)
     where w.workspace_id = ${workspaceId}::uuid and w.key = v.key`);
}

export const INSERT_CHUNK = 5_000;

/**
 * Events as a SELECT over JSON parameters (the rows as JSON arrays, expanded by json_to_recordset):
 * binding 500 rows × 12 columns as separate parameters costs more than the insert, and plain `json`
 * is parsed once where `jsonb` would be converted twice. Null fields are left out of the JSON and
 * times travel as epoch milliseconds, which PostgreSQL reads faster than ISO strings. The rows are
 * split into documents of at most EVENTS_JSON_BYTES, one parameter each (see eventsJson).
 */
function eventRowsSelect(workspaceId: string, rows: NormalizedEvent[]) {
  const docs = eventsJson(rows).map((doc) => sql`${redactApiKeys(doc)}::json`);
  return sql`
    select r.id, ${workspaceId}::uuid, r.incident_id, r.service, r.level, r.message, to_timestamp(r.t / 1000.0), r.fingerprint, r.dedup_key,
           coalesce(r.attributes, '{}'::json), r.source, r.raw
      from unnest(array[${sql.join(docs, sql`, `)}]) as d(doc),
           lateral json_to_recordset(d.doc) as r(
             id uuid, incident_id uuid, service text, level text, message text, t float8,
             fingerprint text, dedup_key text, attributes json, source text, raw json)`;
}

const eventColumns = sql.raw("(id, workspace_id, incident_id, service, level, message, occurred_at, fingerprint, dedup_key, attributes, source, raw)");

/** Writes events, INSERT_CHUNK rows per statement. */
export async function insertEvents(tx: Database, workspaceId: string, rows: NormalizedEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.execute(sql`insert into events ${eventColumns} ${eventRowsSelect(workspaceId, rows.slice(i, i + INSERT_CHUNK))}`);
  }
}

/**
 * The no-transaction path in one round trip: writes the events only if none of `keys` has a window
 * pointing at a still-open incident and none of `services` has an open real incident (those events
 * must attach to it, in a transaction; pass no services when the service rule does not apply). Returns false, having written nothing, when one has. At most
 * INSERT_CHUNK rows.
 */
export async function insertEventsUnlessOpen(
  db: Database,
  workspaceId: string,
  keys: string[],
  services: string[],
  rows: NormalizedEvent[],
): Promise<boolean> {
  if (rows.length > INSERT_CHUNK) throw new Error(`insertEventsUnlessOpen takes at most ${INSERT_CHUNK} rows`);
  const open = OPEN_LIST;
  const [r] = await queryRows<{ inserted: number | string }>(
    db,
    sql`
      with open as (
        select 1 from intake_windows w
          join incidents i on i.id = w.open_incident_id and i.workspace_id = ${workspaceId}::uuid
                          and i.status in (${open}) and i.receives_intake
         where w.workspace_id = ${workspaceId}::uuid and w.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
        ${
          services.length > 0
            ? sql`union all
        select 1 from incidents i
         where i.workspace_id = ${workspaceId}::uuid and i.service in (${sql.join(services.map((v) => sql`${v}`), sql`, `)})
           and i.status in (${open}) and i.receives_intake and i.incident_type = 'real'`
            : sql``
        }
         limit 1),
      ins as (
        insert into events ${eventColumns}
        select * from (${eventRowsSelect(workspaceId, rows)}) as r
         where not exists (select 1 from open)
        returning 1)
      select count(*)::int as inserted from ins`,
  );
  return Number(r?.inserted ?? 0) > 0;
}

/**
 * Below V8's large-object size (128 KiB): a longer string is laid out in freshly mapped pages when
 * it is flattened for the socket, which costs more than building it (measured: 0.4 µs per
 * 900-byte alert row below the limit, 3.8 µs above it). A document may exceed it by one row.
 */
export const EVENTS_JSON_BYTES = 96 * 1024;

/**
 * The rows as the JSON arrays json_to_recordset reads, written out directly (no intermediate row
 * objects: this runs for every event), cut into documents of about EVENTS_JSON_BYTES (string
 * lengths, which are bytes for the ASCII that most of it is). Null fields are left out (read as
 * null), times are epoch ms.
 */
export function eventsJson(rows: NormalizedEvent[]): string[] {
  const docs: string[] = [];
  let out = "";
  for (let i = 0; i < rows.length; i++) {
    const e = rows[i];
    out += `${out === "" ? "[" : ","}{"id":"${e.id}","service":${JSON.stringify(e.service)},"level":"${e.level}","message":${JSON.stringify(e.message)},"t":${e.timestamp.getTime()},"source":${JSON.stringify(e.source)}`;
    if (e.incidentId) out += `,"incident_id":"${e.incidentId}"`;
    if (e.fingerprint !== null) out += `,"fingerprint":${JSON.stringify(e.fingerprint)}`;
    if (e.dedupKey !== null) out += `,"dedup_key":${JSON.stringify(e.dedupKey)}`;
    out += `,"attributes":${JSON.stringify(e.attributes)}`;
    if (e.raw !== null && e.raw !== undefined) out += `,"raw":${JSON.stringify(e.raw)}`;
    out += "}";
    if (out.length >= EVENTS_JSON_BYTES) {
      docs.push(`${out}]`);
      out = "";
    }
  }
  if (out !== "") docs.push(`${out}]`);
  return docs.length > 0 ? docs : ["[]"];
}

/** Links events written by earlier requests (the pending ones that completed a window) to an incident. */
export async function linkPendingEvents(tx: Database, workspaceId: string, incidentId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(events)
    .set({ incidentId })
    .where(and(eq(events.workspaceId, workspaceId), inArray(events.id, ids), isNull(events.incidentId)));
}

/** Unlinks this workspace's events from incidents that no longer exist. */
export async function unlinkEvents(tx: Database, workspaceId: string, incidentIds: string[]): Promise<void> {
  if (incidentIds.length === 0) return;
  await tx
    .update(events)
    .set({ incidentId: null })
    .where(and(eq(events.workspaceId, workspaceId), inArray(events.incidentId, incidentIds)));
}

/**
 * Locks incident rows in id order before a multi-row UPDATE (whose own locking order is the plan's):
 * two writers updating the same incidents must not lock them crosswise. NO KEY UPDATE (what the
 * UPDATE takes anyway) does not conflict with the KEY SHARE locks that foreign keys to these rows
 * (alert signals, history) take; FOR UPDATE would, and deadlock two such writers. One row needs no
 * ordering.
 */
export async function lockIncidentsInOrder(tx: Database, workspaceId: string, ids: string[]): Promise<void> {
  if (new Set(ids).size < 2) return;
  await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), inArray(incidents.id, [...new Set(ids)].sort())))
    .orderBy(incidents.id)
    .for("no key update");
}

/**
 * Counts attached events on incidents, moves their first/last-event times and adds runbook URLs
 * they have not seen yet (alert groups send them), all in one statement. The version is not bumped:
 * event counts are not something a person edits, and bumping would turn every alert into a conflict
 * for whoever is editing the incident.
 */
export async function bumpIncidentsEvents(
  tx: Database,
  workspaceId: string,
  batches: { incidentId: string; count: number; first: Date; last: Date; urls?: string[] }[],
): Promise<Map<string, number>> {
  if (batches.length === 0) return new Map();
  await lockIncidentsInOrder(tx, workspaceId, batches.map((b) => b.incidentId));
  const payload = JSON.stringify(
    batches.map((b) => ({ id: b.incidentId, n: b.count, first: b.first.toISOString(), last: b.last.toISOString(), urls: b.urls ?? [] })),
  );
  const rows = await queryRows<{ id: string; event_count: number }>(
    tx,
    sql`
      update incidents as i
         set event_count = i.event_count + v.n,
             first_event_at = least(coalesce(i.first_event_at, v.first), v.first),
             last_event_at = greatest(coalesce(i.last_event_at, v.last), v.last),
             metadata = case
               when v.urls <@ coalesce(i.metadata->'runbook_urls', '[]'::jsonb) then i.metadata
               else jsonb_set(i.metadata, '{runbook_urls}', (
                 select coalesce(jsonb_agg(distinct u), '[]'::jsonb)
                   from jsonb_array_elements(coalesce(i.metadata->'runbook_urls', '[]'::jsonb) || v.urls) as u))
             end
        from json_to_recordset(${payload}::json) as v(id uuid, n int, first timestamptz, last timestamptz, urls jsonb)
       where i.workspace_id = ${workspaceId}::uuid and i.id = v.id
         -- The ids again as a list: joined only to the recordset, every incident of the workspace is hashed.
         and i.id in (${sql.join([...new Set(batches.map((b) => b.incidentId))].map((id) => sql`${id}::uuid`), sql`, `)})
   returning i.id, i.event_count`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.event_count)]));
}

export async function bumpIncidentEvents(
  tx: Database,
  workspaceId: string,
  incidentId: string,
  batch: { count: number; first: Date; last: Date },
): Promise<number> {
  return (await bumpIncidentsEvents(tx, workspaceId, [{ incidentId, ...batch }])).get(incidentId) ?? 0;
}

export function timeSpan(list: { timestamp: Date }[]): { first: Date; last: Date } {
  let first = list[0].timestamp;
  let last = list[0].timestamp;
  for (const e of list) {
    if (e.timestamp < first) first = e.timestamp;
    if (e.timestamp > last) last = e.timestamp;
  }
  return { first, last };
}

/** `text` cut to at most `max` UTF-16 units with an ellipsis, never between the halves of a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose low half would be cut off
  return `${text.slice(0, end)}…`;
}

/** Incident metadata intake builds is kept under this (the incident API's limit is 64 KiB). */
const INTAKE_METADATA_BYTES = 48 * 1024;

/**
 * Metadata that fits the incident's size limit: the largest top-level entries are replaced by a
 * note (the full values stay on the events' raw payloads) until it fits.
 */
export function fitMetadata(metadata: Record<string, unknown>, maxBytes = INTAKE_METADATA_BYTES): Record<string, unknown> {
  const out = { ...metadata };
  const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? "", "utf8");
  let total = size(out);
  while (total > maxBytes) {
    const [key, bytes] = Object.keys(out)
      .map((k) => [k, size(out[k])] as const)
      .sort((a, b) => b[1] - a[1])[0];
    out[key] = { omitted: true, bytes, reason: "too large for incident metadata; the event keeps the full payload" };
    const now = size(out);
    if (now >= total) break; // nothing left to shrink
    total = now;
  }
  return out;
}

/**
 * The incident a sender's data opens, validated like any other. Intake builds it to fit (titles,
 * services, metadata are cut and padded above); should something still not fit, that is the
 * sender's data, answered as a 422 naming the field, never a 500.
 */
export function incidentDraft(input: z.input<typeof createIncidentSchema>): z.output<typeof createIncidentSchema> {
  const r = createIncidentSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = zodIssues(r.error).map((i) => ({ path: `(incident) ${i.path}`, message: i.message }));
  throw new AppError("unprocessable:payload", `The incident this payload opens is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
}

/** Characters as the incident schema counts them (code points: an emoji is one). */
const codePoints = (s: string) => [...s].length;

/** A title the incident API accepts (3 to 200 characters) from whatever a sender gave. */
export function incidentTitle(text: string, fallback: string): string {
  const t = truncate(text.trim(), 200).trim();
  if (codePoints(t) >= 3) return t;
  const f = truncate(`${t ? `${t}: ` : ""}${fallback}`.trim(), 200);
  return codePoints(f) >= 3 ? f : `${f} alert`.trim();
}

/** A service name the incident API accepts (1 to 100 characters). */
export function incidentService(text: string | null | undefined): string {
  const t = truncate((text ?? "").trim(), 100).trim();
  return t || "unknown";
}

/**
 * Drops window rows with nothing open and nothing pending that nobody touched for a day (one-off
 * PagerDuty keys, old alert groups). A writer holding the row lock keeps it: the delete re-checks
 * the row after that writer commits.
 */
export async function purgeIdleWindows(db: Database): Promise<void> {
  await db.execute(sql`
    delete from intake_windows
     where open_incident_id is null and pending = '[]'::jsonb and updated_at < now() - interval '1 day'`);
}
