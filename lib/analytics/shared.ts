import { z } from "zod";
import { severities, type Severity } from "@/db/schema";

/** Which incidents a report counts: production (real incidents) or practice (drills and synthetic incidents). */
export const analyticsViews = ["production", "drills"] as const;
export type AnalyticsView = (typeof analyticsViews)[number];

export const DEFAULT_RANGE_DAYS = 30;
/** The longest range a report covers (its buckets stay a readable number). */
export const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

/** `2026-11-01` (a whole UTC day) or a full ISO 8601 time. */
const timeParam = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && !Number.isNaN(Date.parse(s)), "must be a date (YYYY-MM-DD) or an ISO 8601 time")
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));
const optionalText = z.string().trim().max(100).optional().transform((s) => (s ? s : undefined));
const emptyAsUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * A report's filters. `to` is exclusive; a `to` given as a date counts that whole day. Default: the
 * last 30 days up to now.
 */
export const analyticsFilterSchema = z
  .object({
    from: z.preprocess(emptyAsUndefined, timeParam.optional()),
    to: z.preprocess(emptyAsUndefined, timeParam.optional()),
    severity: z.preprocess(emptyAsUndefined, z.enum(severities, { error: `must be one of ${severities.join(", ")}` }).optional()),
    service: optionalText,
    team: optionalText,
    view: z.preprocess(emptyAsUndefined, z.enum(analyticsViews, { error: "must be production or drills" }).default("production")),
  })
  .transform((f, ctx) => {
    const to = f.to ?? new Date();
    const from = f.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (from.getTime() >= to.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `the range must be at most ${MAX_RANGE_DAYS} days` });
    return { ...f, from, to };
  });
export type AnalyticsFilterInput = z.input<typeof analyticsFilterSchema>;
export type AnalyticsFilter = z.output<typeof analyticsFilterSchema>;

/** A date given as YYYY-MM-DD for `to` means "through that day": the parameter the page sends. */
export function endOfDayParam(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() + DAY_MS).toISOString();
}

export type Bucket = "day" | "week" | "month";
export function bucketFor(from: Date, to: Date): Bucket {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  return days <= 92 ? "day" : days <= 2 * 366 ? "week" : "month";
}

/** Median and 90th percentile of a duration in seconds; null without a sample. */
export type Durations = { count: number; median: number | null; p90: number | null };

export type ResponseRow = {
  key: string;
  incidents: number;
  acknowledged: number;
  resolved: number;
  /** Never acknowledged (and not resolved). */
  unacknowledged: number;
  mtta: Durations;
  mttr: Durations;
};

export type SlaRow = {
  severity: Severity;
  responseTargetMinutes: number;
  resolutionTargetMinutes: number;
  responseMet: number;
  responseBreached: number;
  /** Still within its target, not yet acknowledged: not counted in the attainment. */
  responsePending: number;
  resolutionMet: number;
  resolutionBreached: number;
  resolutionPending: number;
  /** met / (met + breached); null when nothing is decided yet. */
  responseAttainment: number | null;
  resolutionAttainment: number | null;
};

export type TimePoint = { bucket: string; opened: number; resolved: number };
export type NoisyRow = { key: string; incidents: number; events: number };
export type ProviderRow = { provider: string; diagnoses: number; medianMs: number | null; p95Ms: number | null; medianFirstTokenMs: number | null };

export type AnalyticsSummary = {
  range: { from: string; to: string; bucket: Bucket };
  filters: { severity: Severity | null; service: string | null; team: string | null; view: AnalyticsView };
  totals: ResponseRow & { reopened: number; resolvedWithoutAcknowledgement: number };
  bySeverity: ResponseRow[];
  byService: ResponseRow[];
  byTeam: ResponseRow[];
  overTime: TimePoint[];
  sla: SlaRow[];
  noisyServices: NoisyRow[];
  alertSources: NoisyRow[];
  diagnosis: { incidents: number; diagnosed: number; autoDiagnosed: number; diagnosedShare: number | null; autoDiagnosedShare: number | null };
  agent: {
    plans: number;
    byStatus: Record<string, number>;
    approved: number;
    rejected: number;
    expired: number;
    succeeded: number;
    failed: number;
    rolledBack: number;
    /** approved / (approved + rejected + expired): a plan a person let expire counts as not approved. */
    approvalRate: number | null;
    /** succeeded / (succeeded + failed + rolled back). */
    successRate: number | null;
  };
  providers: ProviderRow[];
};

/** Charts of the page, each downloadable as CSV (`toCsv(chartTable(summary, chart))`). */
export const analyticsCharts = ["over-time", "by-severity", "by-service", "by-team", "sla", "noisy-services", "alert-sources", "providers", "agent"] as const;
export type AnalyticsChart = (typeof analyticsCharts)[number];

export type Table = { columns: string[]; rows: (string | number | null)[][] };

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

function responseTable(label: string, rows: ResponseRow[]): Table {
  return {
    columns: [label, "incidents", "acknowledged", "resolved", "unacknowledged", "mtta_median_min", "mtta_p90_min", "mttr_median_min", "mttr_p90_min"],
    rows: rows.map((r) => [r.key, r.incidents, r.acknowledged, r.resolved, r.unacknowledged, minutes(r.mtta.median), minutes(r.mtta.p90), minutes(r.mttr.median), minutes(r.mttr.p90)]),
  };
}

/** The numbers a chart draws, as a table: the page's charts and their CSV both come from it. */
export function chartTable(s: AnalyticsSummary, chart: AnalyticsChart): Table {
  switch (chart) {
    case "over-time":
      return { columns: ["bucket", "opened", "resolved"], rows: s.overTime.map((p) => [p.bucket, p.opened, p.resolved]) };
    case "by-severity":
      return responseTable("severity", s.bySeverity);
    case "by-service":
      return responseTable("service", s.byService);
    case "by-team":
      return responseTable("team", s.byTeam);
    case "sla":
      return {
        columns: ["severity", "response_target_min", "response_met", "response_breached", "response_pending", "response_attainment_pct", "resolution_target_min", "resolution_met", "resolution_breached", "resolution_pending", "resolution_attainment_pct"],
        rows: s.sla.map((r) => [r.severity, r.responseTargetMinutes, r.responseMet, r.responseBreached, r.responsePending, pct(r.responseAttainment), r.resolutionTargetMinutes, r.resolutionMet, r.resolutionBreached, r.resolutionPending, pct(r.resolutionAttainment)]),
      };
    case "noisy-services":
      return { columns: ["service", "incidents", "events"], rows: s.noisyServices.map((r) => [r.key, r.incidents, r.events]) };
    case "alert-sources":
      return { columns: ["source", "incidents", "events"], rows: s.alertSources.map((r) => [r.key, r.incidents, r.events]) };
    case "providers":
      return { columns: ["provider", "diagnoses", "median_ms", "p95_ms", "median_first_token_ms"], rows: s.providers.map((r) => [r.provider, r.diagnoses, r.medianMs, r.p95Ms, r.medianFirstTokenMs]) };
    case "agent":
      return { columns: ["status", "plans"], rows: Object.entries(s.agent.byStatus).map(([k, v]) => [k, v]) };
  }
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted; an empty cell for null. */
export function toCsv(t: Table): string {
  const cell = (v: string | number | null) => {
    if (v === null) return "";
    const s = String(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) && typeof v === "string" ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [t.columns, ...t.rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** "4 min", "2.5 h", "3.1 d" — a duration in seconds, for tiles and tooltips. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86400) * 10) / 10} d`;
}

export function formatShare(x: number | null): string {
  return x === null ? "—" : `${Math.round(x * 1000) / 10}%`;
}
