import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";

export type SimilarIncident = {
  id: string;
  number: number;
  title: string;
  service: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  /** Why it is listed: same fingerprint, same service, similar text (several may hold). */
  reasons: ("fingerprint" | "service" | "text")[];
  score: number;
  /** The top hypothesis of its latest diagnosis, when it was diagnosed. */
  rootCause: string | null;
};

/** The expression `incidents_search_idx` indexes: a query must repeat it exactly to use the index. */
export const INCIDENT_DOCUMENT = sql.raw(`to_tsvector('english'::regconfig, i.title || ' ' || i.service || ' ' || i.description)`);

/**
 * The most similar past incidents (resolved or closed) of the workspace: the same fingerprint
 * first, then the same service, then text similarity of title, service and description
 * (PostgreSQL full-text search: any word of this incident, ranked by ts_rank; GIN index
 * `incidents_search_idx`). Each candidate set is read through an index, never by scanning.
 */
export async function similarIncidents(db: Database, actor: Actor, incidentId: string, options: { limit?: number } = {}): Promise<SimilarIncident[]> {
  assertCan(actor, "incident:read");
  if (!/^[0-9a-f-]{36}$/i.test(incidentId)) throw new AppError("not_found:incident", "Incident not found.");
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 20);
  const text = `${incident.title} ${incident.description.slice(0, 2000)}`;
  const ws = actor.workspaceId;
  const rows = await queryRows<{
    id: string;
    number: number;
    title: string;
    service: string;
    status: string;
    created_at: string;
    resolved_at: string | null;
    same_fp: boolean;
    same_service: boolean;
    rank: number;
    root_cause: string | null;
  }>(
    db,
    sql`
    with q as (
      -- Any of the incident's words (stemmed, stop words dropped): plainto_tsquery's AND turned into OR.
      select nullif(replace(plainto_tsquery('english', ${text})::text, ' & ', ' | '), '')::tsquery as q
    ), candidates as (
      (select i.id from incidents i, q where i.workspace_id = ${ws}::uuid and q.q is not null and ${INCIDENT_DOCUMENT} @@ q.q limit 500)
      union
      (select i.id from incidents i where i.workspace_id = ${ws}::uuid and i.service = ${incident.service} order by i.created_at desc limit 100)
      ${incident.fingerprint ? sql`union (select i.id from incidents i where i.workspace_id = ${ws}::uuid and i.fingerprint = ${incident.fingerprint} limit 100)` : sql``}
    )
    select i.id, i.number, i.title, i.service, i.status, i.created_at, i.resolved_at,
           (${incident.fingerprint}::text is not null and i.fingerprint = ${incident.fingerprint}) as same_fp,
           i.service = ${incident.service} as same_service,
           coalesce(ts_rank(${INCIDENT_DOCUMENT}, q.q), 0) as rank,
           (select d.diagnosis->'hypotheses'->0->>'title' from diagnoses d where d.incident_id = i.id order by d.created_at desc limit 1) as root_cause
      from candidates c join incidents i on i.id = c.id, q
     where i.workspace_id = ${ws}::uuid and i.id <> ${incident.id}::uuid and i.status in ('resolved', 'closed')
     order by coalesce(i.fingerprint = ${incident.fingerprint}, false) desc, (i.service = ${incident.service}) desc, rank desc, i.created_at desc
     limit ${limit}`,
  );
  return rows.map((r) => {
    const reasons: SimilarIncident["reasons"] = [];
    if (r.same_fp) reasons.push("fingerprint");
    if (r.same_service) reasons.push("service");
    if (Number(r.rank) > 0) reasons.push("text");
    return {
      id: r.id,
      number: Number(r.number),
      title: r.title,
      service: r.service,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      reasons,
      score: Math.round((Number(r.rank) + (r.same_service ? 1 : 0) + (r.same_fp ? 2 : 0)) * 1000) / 1000,
      rootCause: r.root_cause,
    };
  });
}
