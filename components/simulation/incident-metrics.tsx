"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import type { MetricSeries } from "@/lib/simulation";
import { queryKeys } from "@/lib/query-keys";

function formatValue(v: number, unit: string): string {
  if (unit === "bytes") return v >= 1024 ** 3 ? `${(v / 1024 ** 3).toFixed(1)} GB` : `${(v / 1024 ** 2).toFixed(0)} MB`;
  if (unit === "s") return v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(1)} s`;
  if (unit === "%") return `${v.toFixed(1)}%`;
  return Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : `${Math.round(v * 10) / 10}`;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * Charts of the metrics a simulation drove on this incident's service, around the moment the
 * incident opened, with the fault's start marked. Renders nothing for other incidents.
 */
export function IncidentMetrics({ workspaceSlug, incidentId }: { workspaceSlug: string; incidentId: string }) {
  const { data } = useQuery({
    queryKey: queryKeys.incidentMetrics(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<MetricSeries | null>(workspaceUrl(workspaceSlug, "incidents", incidentId, "metrics"), { signal }),
    refetchInterval: (q) => (q.state.data?.running ? 5_000 : false),
  });
  if (!data) return null;
  const points = data.points.map((p) => ({ ...p, ms: new Date(p.t).getTime() }));
  const faultAt = new Date(data.faultStartedAt).getTime();
  const openedAt = data.incidentOpenedAt ? new Date(data.incidentOpenedAt).getTime() : null;
  return (
    <Card data-testid="incident-metrics">
      <CardHeader>
        <CardTitle className="text-base">Metrics · {data.service}</CardTitle>
        <CardDescription>
          From the simulation “{data.scenarioName}”. The dashed line marks the fault’s start{openedAt ? ", the solid one the incident opening" : ""}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        {data.metrics.map((m) => (
          <figure key={m.name} className="min-w-0" data-testid={`metric-chart-${m.name}`}>
            <figcaption className="text-muted-foreground mb-1 truncate text-xs font-medium">
              {m.name} <span className="opacity-70">(baseline {formatValue(m.baseline, m.unit)})</span>
            </figcaption>
            <div className="h-36">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" className="stroke-muted" />
                  <XAxis dataKey="ms" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(v) => time(new Date(v).toISOString())} tick={{ fontSize: 10 }} minTickGap={40} />
                  <YAxis tickFormatter={(v) => formatValue(Number(v), m.unit)} tick={{ fontSize: 10 }} width={56} />
                  <Tooltip labelFormatter={(v) => time(new Date(Number(v)).toISOString())} formatter={(v) => formatValue(Number(v), m.unit)} />
                  <ReferenceLine y={m.baseline} stroke="currentColor" strokeOpacity={0.3} />
                  <ReferenceLine x={faultAt} stroke="#f59e0b" strokeDasharray="4 3" label={{ value: "fault", fontSize: 10, position: "insideTopLeft" }} />
                  {openedAt ? <ReferenceLine x={openedAt} stroke="#ef4444" label={{ value: "incident", fontSize: 10, position: "insideTopRight" }} /> : null}
                  <Line type="monotone" dataKey={m.name} stroke="#6366f1" dot={false} strokeWidth={1.5} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        ))}
      </CardContent>
    </Card>
  );
}
