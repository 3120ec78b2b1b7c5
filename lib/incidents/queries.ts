import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { incidentRoles, incidents, incidentStatusHistory, timelineEntries, type Incident, type IncidentStatus } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { BoardFilters, ListIncidentsInput } from "./schemas";
import { listIncidentsSchema } from "./schemas";
import { isStorableTime } from "@/lib/validation/strings-and-times";

export async function findIncident(db: Database, where: { workspaceId: string; id: string }): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.workspaceId, where.workspaceId), eq(incidents.id, where.id)))
    .limit(1);
  return row;
}

/** The incident, or a 404 — also when it exists in another workspace (never reveal it does). */
export async function getIncidentById(db: Database, where: { workspaceId: string; id: string }): Promise<Incident> {
  const row = await findIncident(db, where);
  if (!row) throw new AppError("not_found:incident", "Incident not found.");
  return row;
}

export async function getIncidentByNumber(db: Database, where: { workspaceId: string; number: number }): Promise<Incident> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.workspaceId, where.workspaceId), eq(incidents.number, where.number)))
    .limit(1);
  if (!row) throw new AppError("not_found:incident", "Incident not found.");
  return row;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterConditions(
  workspaceId: string,
  f: { severity?: string[]; team?: string[]; service?: string[]; q?: string; kind?: "all" | "real" | "drills" },
): SQL[] {
  const conds: SQL[] = [eq(incidents.workspaceId, workspaceId)];
  if (f.kind === "real") conds.push(eq(incidents.incidentType, "real"));
  if (f.kind === "drills") conds.push(inArray(incidents.incidentType, ["synthetic", "training"]));
  if (f.severity?.length) conds.push(inArray(incidents.severity, f.severity as Incident["severity"][]));
  if (f.team?.length) conds.push(inArray(incidents.team, f.team));
  if (f.service?.length) conds.push(inArray(incidents.service, f.service));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    const byNumber = /^(?:inc-)?(\d{1,9})$/i.exec(f.q);
    conds.push(
      or(
        ilike(incidents.title, pattern),
        ilike(incidents.service, pattern),
        ilike(incidents.description, pattern),
        ...(byNumber ? [eq(incidents.number, Number(byNumber[1]))] : []),
      )!,
    );
  }
  return conds;
}

/** The card's fields: enough to render the board, nothing heavy (no metadata, notes or description). */
export const boardCardColumns = {
  id: incidents.id,
  number: incidents.number,
  title: incidents.title,
  service: incidents.service,
  team: incidents.team,
  severity: incidents.severity,
  status: incidents.status,
  eventCount: incidents.eventCount,
  incidentType: incidents.incidentType,
  version: incidents.version,
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
  resolvedAt: incidents.resolvedAt,
  createdByKind: incidents.createdByKind,
  createdById: incidents.createdById,
};
export type BoardCard = {
  id: string;
  number: number;
  title: string;
  service: string;
  team: string | null;
  severity: Incident["severity"];
  status: IncidentStatus;
  eventCount: number;
  incidentType: Incident["incidentType"];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  createdByKind: Incident["createdByKind"];
  createdById: string | null;
};

export const OPEN_COLUMN_LIMIT = 200;
export const RESOLVED_PAGE_SIZE = 20;

export type BoardData = {
  open: BoardCard[];
  /** True when some open column hit its limit (narrow the filters to see the rest). */
  openTruncated: boolean;
  resolved: { items: BoardCard[]; total: number; page: number; pageSize: number };
};

/** Open incidents (most severe then newest, or newest first with `sort: "recency"`; bounded) and one page of resolved/closed ones (newest resolution first). */
export async function getBoard(
  db: Database,
  workspaceId: string,
  filters: Omit<BoardFilters, "kind" | "sort"> & Partial<Pick<BoardFilters, "kind" | "sort">>,
  resolvedPage = 1,
  viewer: { userId: string | null } = { userId: null },
): Promise<BoardData> {
  const conds = filterConditions(workspaceId, filters);
  // "Mine": incidents the viewer leads (a viewer without a user id leads none).
  if (filters.mine) {
    conds.push(
      viewer.userId
        ? sql`exists (select 1 from ${incidentRoles} where ${incidentRoles.incidentId} = ${incidents.id} and ${incidentRoles.role} = 'lead' and ${incidentRoles.userId} = ${viewer.userId})`
        : sql`false`,
    );
  }
  const page = Math.max(1, Math.floor(resolvedPage));
  const [open, resolvedItems, [{ total }]] = await Promise.all([
    db
      .select(boardCardColumns)
      .from(incidents)
      .where(and(...conds, inArray(incidents.status, ["triage", "investigating", "fixing"])))
      // Severity first (P0 < P1 < … sorts as text), then newest; `recency`: newest only.
      .orderBy(...(filters.sort === "recency" ? [] : [asc(incidents.severity)]), desc(incidents.createdAt), desc(incidents.number))
      .limit(OPEN_COLUMN_LIMIT * 3 + 1),
    db
      .select(boardCardColumns)
      .from(incidents)
      .where(and(...conds, inArray(incidents.status, ["resolved", "closed"])))
      .orderBy(sql`${incidents.resolvedAt} desc nulls last`, desc(incidents.number))
      .limit(RESOLVED_PAGE_SIZE)
      .offset((page - 1) * RESOLVED_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(incidents)
      .where(and(...conds, inArray(incidents.status, ["resolved", "closed"]))),
  ]);
  const truncated = open.length > OPEN_COLUMN_LIMIT * 3;
  return {
    open: truncated ? open.slice(0, OPEN_COLUMN_LIMIT * 3) : open,
    openTruncated: truncated,
    resolved: { items: resolvedItems, total: Number(total), page, pageSize: RESOLVED_PAGE_SIZE },
  };
}

/** Distinct teams and services in the workspace, for the filter bar and the create dialog. */
export async function getIncidentFacets(db: Database, workspaceId: string): Promise<{ teams: string[]; services: string[] }> {
  const [teams, services] = await Promise.all([
    db
      .selectDistinct({ v: incidents.team })
      .from(incidents)
      .where(and(eq(incidents.workspaceId, workspaceId), sql`${incidents.team} is not null`))
      .orderBy(asc(incidents.team))
      .limit(200),
    db
      .selectDistinct({ v: incidents.service })
      .from(incidents)
      .where(eq(incidents.workspaceId, workspaceId))
      .orderBy(asc(incidents.service))
      .limit(200),
  ]);
  return { teams: teams.map((t) => t.v!).filter(Boolean), services: services.map((s) => s.v) };
}

type Cursor = { createdAt: string; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    // Only what the database can compare: a uuid and a storable time (else its error would be a 500).
    if (typeof c.createdAt !== "string" || typeof c.id !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(c.id)) throw new Error();
    if (!isStorableTime(Date.parse(c.createdAt))) throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request:cursor", "The cursor is not valid.", { issues: [{ path: "cursor", message: "is not valid" }] });
  }
}

/** Keyset-paginated list for the REST API, newest first. */
export async function listIncidents(db: Database, workspaceId: string, rawInput: ListIncidentsInput) {
  const input = listIncidentsSchema.parse(rawInput);
  const conds = filterConditions(workspaceId, input);
  if (input.status?.length) conds.push(inArray(incidents.status, input.status));
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    const at = new Date(c.createdAt);
    conds.push(or(lt(incidents.createdAt, at), and(eq(incidents.createdAt, at), lt(incidents.id, c.id)))!);
  }
  const rows = await db
    .select()
    .from(incidents)
    .where(and(...conds))
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  const last = items.at(-1);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export async function getStatusHistory(db: Database, where: { workspaceId: string; incidentId: string }) {
  return db
    .select()
    .from(incidentStatusHistory)
    .where(and(eq(incidentStatusHistory.workspaceId, where.workspaceId), eq(incidentStatusHistory.incidentId, where.incidentId)))
    .orderBy(asc(incidentStatusHistory.createdAt));
}

export async function getTimeline(db: Database, where: { workspaceId: string; incidentId: string }) {
  return db
    .select()
    .from(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, where.workspaceId), eq(timelineEntries.incidentId, where.incidentId)))
    .orderBy(asc(timelineEntries.createdAt));
}

/** One hit of the command palette's search. */
export type IncidentSearchHit = {
  id: string;
  key: string;
  title: string;
  service: string;
  severity: Incident["severity"];
  status: IncidentStatus;
  incidentType: Incident["incidentType"];
};

/**
 * Incidents in every status matching `q` (title, service, description, `INC-<n>`): open ones first,
 * then newest; at most `limit`. An empty query gives the newest incidents.
 */
export async function searchIncidents(db: Database, workspaceId: string, rawQ: string, limit = 10): Promise<IncidentSearchHit[]> {
  const q = rawQ.trim().slice(0, 200);
  const rows = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      service: incidents.service,
      severity: incidents.severity,
      status: incidents.status,
      incidentType: incidents.incidentType,
    })
    .from(incidents)
    .where(and(...filterConditions(workspaceId, { q })))
    .orderBy(sql`case when ${incidents.status} in ('triage', 'investigating', 'fixing') then 0 else 1 end`, desc(incidents.createdAt))
    .limit(Math.min(Math.max(1, limit), 50));
  return rows.map(({ number, ...r }) => ({ ...r, key: `INC-${number}` }));
}
