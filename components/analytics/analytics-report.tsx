"use client";

import { DownloadIcon } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { chartTable, formatDuration, formatShare, toCsv, type AnalyticsChart, type AnalyticsSummary, type Table } from "@/lib/analytics/shared";

const colors = { a: "var(--chart-1, #f97316)", b: "var(--chart-2, #0ea5e9)", c: "var(--chart-3, #a855f7)", d: "var(--chart-4, #22c55e)" };

/** A chart's table as objects keyed by column: what recharts draws, from the same table as the CSV. */
function records(t: Table): Record<string, string | number | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
}

function download(summary: AnalyticsSummary, chart: AnalyticsChart) {
  const blob = new Blob([toCsv(chartTable(summary, chart))], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `firedrill-${chart}-${summary.range.from.slice(0, 10)}-${summary.range.to.slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function ChartCard({ summary, chart, title, description, children, empty }: { summary: AnalyticsSummary; chart: AnalyticsChart; title: string; description: string; children: React.ReactNode; empty: boolean }) {
  return (
    <Card className="break-inside-avoid" data-testid={`chart-${chart}`}>
      <CardHeader className="flex flex-row items-start justify-between gap-2 space-y-0">
        <div>
          <CardTitle className="text-base">{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        <Button variant="ghost" size="sm" className="print:hidden" onClick={() => download(summary, chart)} disabled={empty} data-testid={`csv-${chart}`} aria-label={`Download ${title} as CSV`}>
          <DownloadIcon className="size-4" aria-hidden />
          CSV
        </Button>
      </CardHeader>
      <CardContent>{empty ? <p className="text-muted-foreground py-6 text-center text-sm">No incidents in this range.</p> : children}</CardContent>
    </Card>
  );
}

function Tile({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="bg-card rounded-lg border p-3" data-testid={testId}>
      <div className="text-muted-foreground text-xs font-medium">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums">{value}</div>
      {hint ? <div className="text-muted-foreground mt-0.5 text-xs">{hint}</div> : null}
    </div>
  );
}

function ResponseTable({ t }: { t: Table }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums">
        <thead className="text-muted-foreground text-left text-xs">
          <tr>
            <th className="py-1 pr-3 font-medium">{t.columns[0]}</th>
            <th className="py-1 pr-3 text-right font-medium">incidents</th>
            <th className="py-1 pr-3 text-right font-medium">MTTA median</th>
            <th className="py-1 pr-3 text-right font-medium">MTTA p90</th>
            <th className="py-1 pr-3 text-right font-medium">MTTR median</th>
            <th className="py-1 text-right font-medium">MTTR p90</th>
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr key={String(r[0])} className="border-t">
              <td className="py-1 pr-3 font-medium">{r[0]}</td>
              <td className="py-1 pr-3 text-right">{r[1]}</td>
              {[5, 6, 7, 8].map((i) => (
                <td key={i} className="py-1 pr-3 text-right last:pr-0">
                  {r[i] === null ? "—" : formatDuration(Number(r[i]) * 60)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const axis = { fontSize: 11 };

/** The report: figures, then one card per chart, each with its CSV. */
export function AnalyticsReport({ summary }: { summary: AnalyticsSummary }) {
  const s = summary;
  const t = s.totals;
  const none = t.incidents === 0;
  const bySeverity = chartTable(s, "by-severity");
  const sla = chartTable(s, "sla");
  const overTime = chartTable(s, "over-time");
  const noisy = chartTable(s, "noisy-services");
  const sources = chartTable(s, "alert-sources");
  const agent = chartTable(s, "agent");
  const providers = chartTable(s, "providers");
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="analytics-tiles">
        <Tile label="Incidents" value={String(t.incidents)} hint={`${t.resolved} resolved · ${t.unacknowledged} never acknowledged`} testId="tile-incidents" />
        <Tile label="MTTA median" value={formatDuration(t.mtta.median)} hint={`p90 ${formatDuration(t.mtta.p90)}`} testId="tile-mtta" />
        <Tile label="MTTR median" value={formatDuration(t.mttr.median)} hint={`p90 ${formatDuration(t.mttr.p90)}`} testId="tile-mttr" />
        <Tile label="Reopened" value={String(t.reopened)} hint={`${t.resolvedWithoutAcknowledgement} resolved without acknowledgement`} />
        <Tile label="Diagnosed" value={formatShare(s.diagnosis.diagnosedShare)} hint={`${formatShare(s.diagnosis.autoDiagnosedShare)} automatically`} />
        <Tile label="Agent plans" value={String(s.agent.plans)} hint={`approved ${formatShare(s.agent.approvalRate)} · succeeded ${formatShare(s.agent.successRate)}`} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-1">
        <ChartCard summary={s} chart="over-time" title="Incidents over time" description={`Opened and resolved per ${s.range.bucket} (UTC).`} empty={none}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(overTime)} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" vertical={false} />
                <XAxis dataKey="bucket" tick={axis} minTickGap={16} />
                <YAxis allowDecimals={false} tick={axis} />
                <Tooltip />
                <Legend wrapperStyle={axis} />
                <Bar dataKey="opened" fill={colors.a} isAnimationActive={false} />
                <Bar dataKey="resolved" fill={colors.b} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard summary={s} chart="by-severity" title="MTTA and MTTR by severity" description="Median and 90th percentile, in minutes." empty={none}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(bySeverity)} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" vertical={false} />
                <XAxis dataKey="severity" tick={axis} />
                <YAxis tick={axis} />
                <Tooltip />
                <Legend wrapperStyle={axis} />
                <Bar dataKey="mtta_median_min" name="MTTA median" fill={colors.a} isAnimationActive={false} />
                <Bar dataKey="mtta_p90_min" name="MTTA p90" fill={colors.c} isAnimationActive={false} />
                <Bar dataKey="mttr_median_min" name="MTTR median" fill={colors.b} isAnimationActive={false} />
                <Bar dataKey="mttr_p90_min" name="MTTR p90" fill={colors.d} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard summary={s} chart="sla" title="SLA attainment" description="Share of decided clocks met, per severity (pending clocks are left out)." empty={none}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(sla)} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" vertical={false} />
                <XAxis dataKey="severity" tick={axis} />
                <YAxis domain={[0, 100]} unit="%" tick={axis} />
                <Tooltip />
                <Legend wrapperStyle={axis} />
                <Bar dataKey="response_attainment_pct" name="Response" fill={colors.a} isAnimationActive={false} />
                <Bar dataKey="resolution_attainment_pct" name="Resolution" fill={colors.b} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard summary={s} chart="noisy-services" title="Noisiest services" description="Incidents opened (and events received), top 10." empty={none}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(noisy)} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={axis} />
                <YAxis type="category" dataKey="service" tick={axis} width={96} />
                <Tooltip />
                <Bar dataKey="incidents" fill={colors.a} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard summary={s} chart="alert-sources" title="Alert sources" description="Where incidents came from (intake formats, people, the simulator)." empty={none}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(sources)} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={axis} />
                <YAxis type="category" dataKey="source" tick={axis} width={96} />
                <Tooltip />
                <Bar dataKey="incidents" fill={colors.b} isAnimationActive={false} />
                <Bar dataKey="events" fill={colors.c} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard summary={s} chart="agent" title="SRE agent plans" description={`Plans on these incidents by outcome · approval ${formatShare(s.agent.approvalRate)}, success ${formatShare(s.agent.successRate)}.`} empty={s.agent.plans === 0}>
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={records(agent)} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" className="stroke-muted" vertical={false} />
                <XAxis dataKey="status" tick={axis} interval={0} angle={-20} textAnchor="end" height={40} />
                <YAxis allowDecimals={false} tick={axis} />
                <Tooltip />
                <Bar dataKey="plans" fill={colors.d} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>
      </div>

      <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-1">
        <ChartCard summary={s} chart="by-service" title="By service" description="MTTA and MTTR per service." empty={none}>
          <ResponseTable t={chartTable(s, "by-service")} />
        </ChartCard>
        <ChartCard summary={s} chart="by-team" title="By team" description="MTTA and MTTR per owning team." empty={none}>
          <ResponseTable t={chartTable(s, "by-team")} />
        </ChartCard>
        <ChartCard summary={s} chart="providers" title="AI providers" description={`Diagnoses per provider and their latency · ${s.diagnosis.diagnosed} of ${s.diagnosis.incidents} incidents diagnosed.`} empty={s.providers.length === 0}>
          <table className="w-full text-sm tabular-nums">
            <thead className="text-muted-foreground text-left text-xs">
              <tr>
                <th className="py-1 pr-3 font-medium">provider</th>
                <th className="py-1 pr-3 text-right font-medium">diagnoses</th>
                <th className="py-1 pr-3 text-right font-medium">median</th>
                <th className="py-1 pr-3 text-right font-medium">p95</th>
                <th className="py-1 text-right font-medium">first token</th>
              </tr>
            </thead>
            <tbody>
              {providers.rows.map((r) => (
                <tr key={String(r[0])} className="border-t">
                  <td className="py-1 pr-3 font-medium">{r[0]}</td>
                  <td className="py-1 pr-3 text-right">{r[1]}</td>
                  {[2, 3, 4].map((i) => (
                    <td key={i} className="py-1 pr-3 text-right last:pr-0">
                      {r[i] === null ? "—" : `${Math.round(Number(r[i]))} ms`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
      </div>
    </div>
  );
}
