import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/result";
import { signalFiltersSchema, type SignalFilters, type SignalState } from "./schemas";
import type { SignalItem, SignalPage } from "./view";

/**
 * Every signal intake received, newest first, in one list made of three kinds of rows:
 * - `a:` the alerts of Alertmanager and Grafana groups (`alert_signals`, one per incident and fingerprint);
 * - `i:` the keys that opened an incident themselves: a threshold crossing of events, a PagerDuty dedup key;
 * - `s:` signals a silence or maintenance window held (`suppressed_signals`), which belong to no incident.
 * Each kind is read through an index on (workspace, first seen, id) and the list pages by keyset
 * (`cursor`: the last row's first-seen time and id), so a page costs the same at any depth.
 */

type Row = {
  uid: string;
  source: string;
  signal_key: string;
  service: string;
  title: string;
  state: SignalState;
  labels: Record<string, string> | null;
  first_seen: string;
  first_seen_text: string;
  last_seen: string;
  notifications: number;
  incident_id: string | null;
  incident_number: number | null;
  incident_title: string | null;
  kind: string | null;
  held_by: string | null;
};

const EPOCH_FALLBACK = sql.raw(`'2000-01-01T00:00:00Z'::timestamptz`);
const OPEN = sql.raw(`('triage', 'investigating', 'fixing')`);

function decodeCursor(cursor: string | undefined): { at: string; uid: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string" && PG_TIME.test(v[0]) && /^[ais]:[0-9a-f-]{36}$/.test(v[1])) {
      return { at: v[0], uid: v[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError("bad_request:cursor", "cursor is not one this list gave out.", { issues: [{ path: "cursor", message: "is invalid" }] });
}

/** A timestamptz as PostgreSQL prints it (microseconds kept, which a JavaScript Date would lose). */
const PG_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

const encodeCursor = (at: string, uid: string) => Buffer.from(JSON.stringify([at, uid])).toString("base64url");

function after(first: SQL, uid: SQL, cursor: { at: string; uid: string } | null): SQL {
  if (!cursor) return sql`true`;
  return sql`(${first} < ${cursor.at}::timestamptz or (${first} = ${cursor.at}::timestamptz and ${uid} < ${cursor.uid}))`;
}

function like(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listSignals(db: Database, actor: Actor, input: unknown): Promise<SignalPage> {
  assertCan(actor, "incident:read");
  const f: SignalFilters = parseInput(signalFiltersSchema, input);
  const cursor = decodeCursor(f.cursor);
  const ws = actor.workspaceId;
  const n = f.limit + 1;
  const parts: SQL[] = [];
  const q = f.q ? like(f.q) : null;

  if (f.state !== "silenced") {
    // Alert signals of alert groups.
    const first = sql`coalesce(s.starts_at, ${EPOCH_FALLBACK})`;
    const uid = sql`('a:' || s.id::text)`;
    const service = sql`coalesce(s.labels->>'service', s.labels->>'job', s.labels->>'app', i.service)`;
    const title = sql`coalesce(s.labels->>'alertname', 'alert') || coalesce(': ' || (s.annotations->>'summary'), '')`;
    parts.push(sql`(
      select ${uid} as uid, s.source, s.signal_key, ${service} as service, ${title} as title, s.status as state, s.labels,
             ${first} as first_seen, s.last_seen_at as last_seen, s.notifications,
             i.id as incident_id, i.number as incident_number, i.title as incident_title, null::text as kind, null::uuid as held_by
        from alert_signals s join incidents i on i.id = s.incident_id and i.workspace_id = ${ws}::uuid
       where s.workspace_id = ${ws}::uuid and ${after(first, uid, cursor)}
         ${f.state ? sql`and s.status = ${f.state}` : sql``}
         ${f.source ? sql`and s.source = ${f.source}` : sql``}
         ${f.service ? sql`and ${service} = ${f.service}` : sql``}
         ${q ? sql`and (${title} ilike ${q} or ${service} ilike ${q} or s.signal_key ilike ${q})` : sql``}
       order by ${first} desc, s.id desc limit ${n})`);

    // Keys that opened their own incident (threshold crossings of events, PagerDuty dedup keys).
    const iFirst = sql`i.created_at`;
    const iUid = sql`('i:' || i.id::text)`;
    const iState = sql`(case when i.status in ${OPEN} then 'firing' else 'resolved' end)`;
    parts.push(sql`(
      select ${iUid} as uid, i.source, i.fingerprint as signal_key, i.service, i.title, ${iState} as state, null::jsonb as labels,
             ${iFirst} as first_seen, coalesce(i.last_event_at, i.created_at) as last_seen, i.event_count as notifications,
             i.id as incident_id, i.number as incident_number, i.title as incident_title, null::text as kind, null::uuid as held_by
        from incidents i
       where i.workspace_id = ${ws}::uuid and i.generated_by in ('intake', 'pagerduty') and i.fingerprint is not null
         and ${after(iFirst, iUid, cursor)}
         ${f.state ? sql`and ${iState} = ${f.state}` : sql``}
         ${f.source ? sql`and i.source = ${f.source}` : sql``}
         ${f.service ? sql`and i.service = ${f.service}` : sql``}
         ${q ? sql`and (i.title ilike ${q} or i.service ilike ${q} or i.fingerprint ilike ${q})` : sql``}
       order by ${iFirst} desc, i.id desc limit ${n})`);
  }
  if (!f.state || f.state === "silenced") {
    const sFirst = sql`g.first_seen_at`;
    const sUid = sql`('s:' || g.id::text)`;
    parts.push(sql`(
      select ${sUid} as uid, g.source, g.signal_key, g.service, g.title, 'silenced' as state, g.labels,
             ${sFirst} as first_seen, g.last_seen_at as last_seen, g.notifications,
             null::uuid as incident_id, null::int as incident_number, null::text as incident_title, g.kind, coalesce(g.silence_id, g.maintenance_window_id) as held_by
        from suppressed_signals g
       where g.workspace_id = ${ws}::uuid and ${after(sFirst, sUid, cursor)}
         ${f.source ? sql`and g.source = ${f.source}` : sql``}
         ${f.service ? sql`and g.service = ${f.service}` : sql``}
         ${q ? sql`and (g.title ilike ${q} or g.service ilike ${q} or g.signal_key ilike ${q})` : sql``}
       order by ${sFirst} desc, g.id desc limit ${n})`);
  }
  const rows = await queryRows<Row>(
    db,
    sql`select u.*, u.first_seen::text as first_seen_text from (${sql.join(parts, sql` union all `)}) u order by u.first_seen desc, u.uid desc limit ${n}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map(toItem), nextCursor: rows.length > f.limit && last ? encodeCursor(last.first_seen_text, last.uid) : null };
}

const isoOf = (v: string | Date) => new Date(v).toISOString();

function toItem(r: Row): SignalItem {
  return {
    id: r.uid,
    source: r.source,
    signalKey: r.signal_key,
    service: r.service,
    title: r.title,
    state: r.state,
    labels: r.labels ?? {},
    firstSeenAt: isoOf(r.first_seen),
    lastSeenAt: isoOf(r.last_seen),
    notifications: Number(r.notifications),
    incident: r.incident_id && r.incident_number !== null ? { id: r.incident_id, number: Number(r.incident_number), title: r.incident_title ?? "" } : null,
    suppressedBy: r.kind ? { kind: r.kind as "silence" | "maintenance", id: r.held_by } : null,
  };
}
