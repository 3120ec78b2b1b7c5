import { sql, type SQL } from "drizzle-orm";
import { severities, type Severity, type SlaPolicy } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { resolveSlaPolicy } from "@/lib/incidents/shared";
import { parseInput, toResult, type Result } from "@/lib/result";
import { getWorkspaceById } from "@/lib/workspaces";
import { analyticsFilterSchema, bucketFor, type AnalyticsFilter, type AnalyticsSummary, type Durations, type NoisyRow, type ResponseRow, type SlaRow } from "./shared";

type Row = Record<string, unknown>;

/** Rows of a raw query on either driver (postgres.js answers an array, PGlite `{ rows }`). */
async function rows(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The incidents a report counts: the workspace's, opened in [from, to), of the view's kind, filtered. */
function filtered(workspaceId: string, f: AnalyticsFilter): SQL {
  const kinds = f.view === "drills" ? sql`i.incident_type in ('synthetic', 'training')` : sql`i.incident_type = 'real'`;
  return sql`
    select i.id, i.severity, i.service, coalesce(i.team, '(no team)') as team, i.source, i.event_count, i.created_at,
           i.acknowledged_at, i.resolved_at,
           -- Resolving acknowledges: an incident resolved without an acknowledgement counts its resolution as its response.
           coalesce(i.acknowledged_at, i.resolved_at) as ack_at
      from incidents i
     where i.workspace_id = ${workspaceId}
       and i.created_at >= ${f.from.toISOString()}::timestamptz and i.created_at < ${f.to.toISOString()}::timestamptz
       and ${kinds}
       ${f.severity ? sql`and i.severity = ${f.severity}` : sql``}
       ${f.service ? sql`and i.service = ${f.service}` : sql``}
       ${f.team ? sql`and i.team = ${f.team}` : sql``}`;
}

function targetSeconds(policy: SlaPolicy, which: "responseMinutes" | "resolutionMinutes"): SQL {
  // Literals from the fixed enum and validated whole minutes, so the planner sees constants.
  const cases = severities.map((s) => sql.raw(`when '${s}' then ${Math.round(Number(policy[s][which]) * 60)}`));
  return sql`(case f.severity ${sql.join(cases, sql` `)} end)::float8`;
}

function durations(r: Row, prefix: "mtta" | "mttr"): Durations {
  return { count: num(r[`${prefix}_n`]), median: numOrNull(r[`${prefix}_p50`]), p90: numOrNull(r[`${prefix}_p90`]) };
}

function responseRow(key: string, r: Row): ResponseRow {
  return {
    key,
    incidents: num(r.incidents),
    acknowledged: num(r.acknowledged),
    resolved: num(r.resolved),
    unacknowledged: num(r.unacknowledged),
    mtta: durations(r, "mtta"),
    mttr: durations(r, "mttr"),
  };
}

/**
 * MTTA, MTTR, SLA attainment, volumes, diagnosis, agent and provider figures for a workspace, all
 * aggregated in SQL (one pass over the range's incidents for the response figures, grouped by
 * severity, service, team and source at once).
 *
 * Counting rules: an incident belongs to the range when it was opened in it (one that spans the
 * range's end counts with its resolution, even after `to`; one opened before `from` does not count).
 * MTTA is acknowledgement − creation (a resolution without acknowledgement stands for it); MTTR is
 * resolution − creation, for incidents resolved now (a reopened incident that is open again has no
 * resolution; once resolved again, its last resolution counts). SLA clocks follow the incident page:
 * met when stopped within the target, breached when stopped late or still running past it, pending
 * otherwise.
 */
export async function getAnalyticsSummary(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<AnalyticsSummary>> {
  return toResult({ op: "analytics.summary", actor }, async () => {
    assertCan(actor, "incident:read");
    const f = parseInput(analyticsFilterSchema, input ?? {});
    const now = options.now ?? new Date();
    const workspace = await getWorkspaceById(db, actor.workspaceId);
    const policy = resolveSlaPolicy(workspace?.settings);
    const base = filtered(actor.workspaceId, f);
    const bucket = bucketFor(f.from, f.to);
    const nowIso = now.toISOString();
    const resp = targetSeconds(policy, "responseMinutes");
    const resol = targetSeconds(policy, "resolutionMinutes");

    const groupedQuery = sql`
      with f as (${base})
      select grouping(f.severity) as g_sev, grouping(f.service) as g_svc, grouping(f.team) as g_team, grouping(f.source) as g_src,
             f.severity, f.service, f.team, f.source,
             count(*)::int as incidents,
             count(f.acknowledged_at)::int as acknowledged,
             count(f.resolved_at)::int as resolved,
             count(*) filter (where f.ack_at is null)::int as unacknowledged,
             count(*) filter (where f.resolved_at is not null and (f.acknowledged_at is null or f.acknowledged_at >= f.resolved_at))::int as resolved_without_ack,
             coalesce(sum(f.event_count), 0)::int as events,
             count(f.ack_at)::int as mtta_n,
             percentile_cont(0.5) within group (order by extract(epoch from f.ack_at - f.created_at)) as mtta_p50,
             percentile_cont(0.9) within group (order by extract(epoch from f.ack_at - f.created_at)) as mtta_p90,
             count(f.resolved_at)::int as mttr_n,
             percentile_cont(0.5) within group (order by extract(epoch from f.resolved_at - f.created_at)) as mttr_p50,
             percentile_cont(0.9) within group (order by extract(epoch from f.resolved_at - f.created_at)) as mttr_p90,
             count(*) filter (where f.ack_at is not null and extract(epoch from f.ack_at - f.created_at) <= ${resp})::int as resp_met,
             count(*) filter (where (f.ack_at is not null and extract(epoch from f.ack_at - f.created_at) > ${resp})
                               or (f.ack_at is null and extract(epoch from ${nowIso}::timestamptz - f.created_at) > ${resp}))::int as resp_breached,
             count(*) filter (where f.resolved_at is not null and extract(epoch from f.resolved_at - f.created_at) <= ${resol})::int as resol_met,
             count(*) filter (where (f.resolved_at is not null and extract(epoch from f.resolved_at - f.created_at) > ${resol})
                               or (f.resolved_at is null and extract(epoch from ${nowIso}::timestamptz - f.created_at) > ${resol}))::int as resol_breached
        from f
       group by grouping sets ((), (f.severity), (f.service), (f.team), (f.source))`;

    const overTimeQuery = sql`
      with f as (${base})
      select b, sum(opened)::int as opened, sum(resolved)::int as resolved from (
        select to_char(date_trunc(${bucket}, f.created_at at time zone 'UTC'), 'YYYY-MM-DD') as b, 1 as opened, 0 as resolved from f
        union all
        select to_char(date_trunc(${bucket}, f.resolved_at at time zone 'UTC'), 'YYYY-MM-DD') as b, 0, 1 from f
         where f.resolved_at is not null and f.resolved_at < ${f.to.toISOString()}::timestamptz
      ) x group by b order by b`;

    const reopenedQuery = sql`
      with f as (${base})
      select count(distinct h.incident_id)::int as reopened
        from incident_status_history h join f on f.id = h.incident_id
       where h.workspace_id = ${actor.workspaceId}
         and h.from_status in ('resolved', 'closed') and h.to_status in ('triage', 'investigating', 'fixing')`;

    const diagnosisQuery = sql`
      with f as (${base}),
      d as (
        select d.incident_id, d.provider, d.total_ms, d.time_to_first_token_ms, d.requested_by_kind
          from diagnoses d join f on f.id = d.incident_id
         where d.workspace_id = ${actor.workspaceId}
      )
      select null as provider,
             count(distinct d.incident_id)::int as diagnosed,
             count(distinct d.incident_id) filter (where d.requested_by_kind = 'system')::int as auto_diagnosed,
             count(*)::int as diagnoses, null::float8 as p50, null::float8 as p95, null::float8 as ttft
        from d
      union all
      select d.provider, 0, 0, count(*)::int,
             percentile_cont(0.5) within group (order by d.total_ms),
             percentile_cont(0.95) within group (order by d.total_ms),
             percentile_cont(0.5) within group (order by d.time_to_first_token_ms)
        from d group by d.provider`;

    const agentQuery = sql`
      with f as (${base})
      select p.status, count(*)::int as plans
        from agent_plans p join f on f.id = p.incident_id
       where p.workspace_id = ${actor.workspaceId}
       group by p.status`;

    const [grouped, overTime, reopened, diagnosis, agent] = await Promise.all([
      rows(db, groupedQuery),
      rows(db, overTimeQuery),
      rows(db, reopenedQuery),
      rows(db, diagnosisQuery),
      rows(db, agentQuery),
    ]);

    const isSet = (v: unknown) => Number(v) === 0;
    const total = grouped.find((r) => !isSet(r.g_sev) && !isSet(r.g_svc) && !isSet(r.g_team) && !isSet(r.g_src));
    const bySev = grouped.filter((r) => isSet(r.g_sev));
    const bySvc = grouped.filter((r) => isSet(r.g_svc)).sort((a, b) => num(b.incidents) - num(a.incidents) || String(a.service).localeCompare(String(b.service)));
    const byTeam = grouped.filter((r) => isSet(r.g_team)).sort((a, b) => num(b.incidents) - num(a.incidents) || String(a.team).localeCompare(String(b.team)));
    const bySrc = grouped.filter((r) => isSet(r.g_src)).sort((a, b) => num(b.incidents) - num(a.incidents) || String(a.source).localeCompare(String(b.source)));

    const sla: SlaRow[] = severities.map((sev: Severity) => {
      const r = bySev.find((x) => x.severity === sev) ?? {};
      const n = num(r.incidents);
      const responseMet = num(r.resp_met);
      const responseBreached = num(r.resp_breached);
      const resolutionMet = num(r.resol_met);
      const resolutionBreached = num(r.resol_breached);
      return {
        severity: sev,
        responseTargetMinutes: policy[sev].responseMinutes,
        resolutionTargetMinutes: policy[sev].resolutionMinutes,
        responseMet,
        responseBreached,
        responsePending: n - responseMet - responseBreached,
        resolutionMet,
        resolutionBreached,
        resolutionPending: n - resolutionMet - resolutionBreached,
        responseAttainment: share(responseMet, responseMet + responseBreached),
        resolutionAttainment: share(resolutionMet, resolutionMet + resolutionBreached),
      };
    });

    const noisy = (list: Row[], key: string): NoisyRow[] =>
      list
        .map((r) => ({ key: String(r[key]), incidents: num(r.incidents), events: num(r.events) }))
        .sort((a, b) => b.incidents - a.incidents || b.events - a.events || a.key.localeCompare(b.key))
        .slice(0, 10);

    const byStatus = Object.fromEntries(agent.map((r) => [String(r.status), num(r.plans)]));
    const count = (...keys: string[]) => keys.reduce((s, k) => s + (byStatus[k] ?? 0), 0);
    // A plan that was approved and then ran (whatever came of it) was approved.
    const approved = count("approved", "executing", "verifying", "succeeded", "failed", "rolled_back");
    const rejected = count("rejected");
    const expired = count("expired");
    const succeeded = count("succeeded");
    const failed = count("failed");
    const rolledBack = count("rolled_back");

    const diagTotal = diagnosis.find((r) => r.provider === null) ?? {};
    const incidentsCount = num(total?.incidents);

    return {
      range: { from: f.from.toISOString(), to: f.to.toISOString(), bucket },
      filters: { severity: f.severity ?? null, service: f.service ?? null, team: f.team ?? null, view: f.view },
      totals: { ...responseRow("all", total ?? {}), reopened: num(reopened[0]?.reopened), resolvedWithoutAcknowledgement: num(total?.resolved_without_ack) },
      bySeverity: severities.map((sev) => responseRow(sev, bySev.find((x) => x.severity === sev) ?? {})).filter((r) => r.incidents > 0),
      byService: bySvc.map((r) => responseRow(String(r.service), r)),
      byTeam: byTeam.map((r) => responseRow(String(r.team), r)),
      overTime: overTime.map((r) => ({ bucket: String(r.b), opened: num(r.opened), resolved: num(r.resolved) })),
      sla,
      noisyServices: noisy(bySvc, "service"),
      alertSources: noisy(bySrc, "source"),
      diagnosis: {
        incidents: incidentsCount,
        diagnosed: num(diagTotal.diagnosed),
        autoDiagnosed: num(diagTotal.auto_diagnosed),
        diagnosedShare: share(num(diagTotal.diagnosed), incidentsCount),
        autoDiagnosedShare: share(num(diagTotal.auto_diagnosed), incidentsCount),
      },
      agent: {
        plans: Object.values(byStatus).reduce((s, v) => s + v, 0),
        byStatus,
        approved,
        rejected,
        expired,
        succeeded,
        failed,
        rolledBack,
        approvalRate: share(approved, approved + rejected + expired),
        successRate: share(succeeded, succeeded + failed + rolledBack),
      },
      providers: diagnosis
        .filter((r) => r.provider !== null)
        .map((r) => ({ provider: String(r.provider), diagnoses: num(r.diagnoses), medianMs: numOrNull(r.p50), p95Ms: numOrNull(r.p95), medianFirstTokenMs: numOrNull(r.ttft) }))
        .sort((a, b) => b.diagnoses - a.diagnoses),
    };
  });
}
