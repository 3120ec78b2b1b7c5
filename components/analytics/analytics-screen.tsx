import Link from "next/link";
import { getDb } from "@/db";
import { severities } from "@/db/schema";
import type { Caller } from "@/lib/api/caller";
import { getAnalyticsSummary } from "@/lib/analytics";
import { getIncidentFacets } from "@/lib/incidents";
import { Button } from "@/components/ui/button";
import { AnalyticsReport } from "./analytics-report";
import { PrintButton } from "./print-button";

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** `to` on the page is a day shown inclusive; the report's `to` is exclusive. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}
function dayBefore(iso: string): string {
  return new Date(new Date(iso).getTime() - 1).toISOString().slice(0, 10);
}

const selectClass = "border-input bg-background h-9 rounded-md border px-2 text-sm";

/** The analytics page for one workspace (/analytics and /demo/analytics): filters in the URL, charts, CSV, print. */
export async function AnalyticsScreen({ caller: { actor, workspace }, basePath, searchParams }: { caller: Caller; basePath: string; searchParams: Params }) {
  const db = await getDb();
  const raw = { from: one(searchParams.from), to: one(searchParams.to), severity: one(searchParams.severity), service: one(searchParams.service), team: one(searchParams.team), view: one(searchParams.view) };
  const input = { ...raw, to: /^\d{4}-\d{2}-\d{2}$/.test(raw.to) ? nextDay(raw.to) : raw.to };
  let result = await getAnalyticsSummary(db, actor, input);
  const problem = result.ok ? null : result.error;
  if (!result.ok) result = await getAnalyticsSummary(db, actor, {});
  if (!result.ok) throw new Error(result.error);
  const summary = result.data;
  const facets = await getIncidentFacets(db, actor.workspaceId);
  const from = summary.range.from.slice(0, 10);
  const to = dayBefore(summary.range.to);
  const drills = summary.filters.view === "drills";
  const viewHref = (view: "production" | "drills") => {
    const q = new URLSearchParams(Object.entries({ ...raw, view }).filter(([, v]) => v) as [string, string][]);
    if (view === "production") q.delete("view");
    return `${basePath}/analytics?${q}`;
  };

  return (
    <div className="mx-auto w-full max-w-6xl space-y-5" data-testid="analytics-page">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{drills ? "Analytics · drills" : "Analytics"}</h1>
          <p className="text-muted-foreground text-sm">
            {workspace.name} · incidents opened {from} to {to}
            {summary.filters.severity ? ` · ${summary.filters.severity}` : ""}
            {summary.filters.service ? ` · ${summary.filters.service}` : ""}
            {summary.filters.team ? ` · team ${summary.filters.team}` : ""}.{" "}
            {drills ? "Drill and synthetic incidents only." : "Drill and synthetic incidents are left out."}
          </p>
        </div>
        <div className="flex gap-2 print:hidden">
          <Button asChild variant="outline" size="sm">
            <Link href={viewHref(drills ? "production" : "drills")} data-testid="analytics-view-toggle">
              {drills ? "Production incidents" : "Drills view"}
            </Link>
          </Button>
          <PrintButton />
        </div>
      </div>

      <form method="get" action={`${basePath}/analytics`} className="bg-card flex flex-wrap items-end gap-3 rounded-lg border p-3 print:hidden" data-testid="analytics-filters">
        {drills ? <input type="hidden" name="view" value="drills" /> : null}
        <label className="grid gap-1 text-xs font-medium">
          From
          <input type="date" name="from" defaultValue={from} className={selectClass} />
        </label>
        <label className="grid gap-1 text-xs font-medium">
          To
          <input type="date" name="to" defaultValue={to} className={selectClass} />
        </label>
        <label className="grid gap-1 text-xs font-medium">
          Severity
          <select name="severity" defaultValue={summary.filters.severity ?? ""} className={selectClass}>
            <option value="">All</option>
            {severities.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-xs font-medium">
          Service
          <select name="service" defaultValue={summary.filters.service ?? ""} className={selectClass}>
            <option value="">All</option>
            {facets.services.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-xs font-medium">
          Team
          <select name="team" defaultValue={summary.filters.team ?? ""} className={selectClass}>
            <option value="">All</option>
            {facets.teams.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <Button type="submit" size="sm">
          Apply
        </Button>
        <Button asChild variant="ghost" size="sm">
          <Link href={`${basePath}/analytics${drills ? "?view=drills" : ""}`}>Reset</Link>
        </Button>
      </form>
      {problem ? (
        <p role="alert" className="text-destructive text-sm">
          {problem} Showing the last 30 days instead.
        </p>
      ) : null}

      <AnalyticsReport summary={summary} />
    </div>
  );
}
