import { ArrowDownRightIcon, ArrowUpRightIcon, GitCommitHorizontalIcon } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

type Metric = { name: string; value: number; baseline?: number; unit?: string; sigma?: number };
type Deploy = { version?: string; minutes_ago?: number; description?: string };

function asMetrics(value: unknown): Metric[] {
  if (!Array.isArray(value)) return [];
  return value.filter((m): m is Metric => !!m && typeof m === "object" && typeof (m as Metric).name === "string" && typeof (m as Metric).value === "number");
}

function formatNumber(n: number, unit?: string): string {
  const abs = Math.abs(n);
  const text =
    abs >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)}M` : abs >= 10_000 ? `${+(n / 1000).toFixed(1)}k` : `${+n.toFixed(abs < 10 ? 2 : 1)}`;
  if (!unit || unit === "count") return text;
  return unit === "%" ? `${text}%` : `${text} ${unit}`;
}

function MetricsTable({ metrics }: { metrics: Metric[] }) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table data-testid="incident-metrics-table">
        <TableHeader>
          <TableRow>
            <TableHead>Metric</TableHead>
            <TableHead className="text-right">Value</TableHead>
            <TableHead className="text-right">Baseline</TableHead>
            <TableHead className="text-right">Change</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {metrics.map((m) => {
            const ratio = m.baseline ? m.value / m.baseline : null;
            const up = ratio !== null && ratio >= 1;
            const notable = m.sigma !== undefined ? Math.abs(m.sigma) >= 3 : ratio !== null && (ratio >= 2 || ratio <= 0.5);
            return (
              <TableRow key={m.name}>
                <TableCell className="font-mono text-xs">{m.name}</TableCell>
                <TableCell className={cn("text-right tabular-nums", notable && "text-destructive font-medium")}>{formatNumber(m.value, m.unit)}</TableCell>
                <TableCell className="text-muted-foreground text-right tabular-nums">{m.baseline !== undefined ? formatNumber(m.baseline, m.unit) : "—"}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {ratio !== null ? (
                    <span className={cn("inline-flex items-center gap-0.5", notable ? "text-destructive" : "text-muted-foreground")}>
                      {up ? <ArrowUpRightIcon className="size-3.5" aria-hidden /> : <ArrowDownRightIcon className="size-3.5" aria-hidden />}
                      {ratio >= 10 || ratio < 0.1 ? `×${+ratio.toFixed(1)}` : `${up ? "+" : ""}${Math.round((ratio - 1) * 100)}%`}
                    </span>
                  ) : m.sigma !== undefined ? (
                    `${m.sigma}σ`
                  ) : (
                    "—"
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function humanKey(key: string): string {
  const words = key.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function agoText(minutes: number): string {
  if (minutes < 60) return `${minutes} min ago`;
  const h = Math.round(minutes / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} d ago`;
}

function Deploys({ deploys }: { deploys: Deploy[] }) {
  return (
    <ul className="space-y-2">
      {deploys.map((d, i) => (
        <li key={`${d.version}-${i}`} className="flex items-start gap-2 text-sm">
          <GitCommitHorizontalIcon className="text-muted-foreground mt-0.5 size-4 shrink-0" aria-hidden />
          <div className="min-w-0">
            <span className="font-mono font-medium">{d.version ?? "deploy"}</span>
            {typeof d.minutes_ago === "number" && <span className="text-muted-foreground"> · {agoText(d.minutes_ago)}</span>}
            {d.description && <div className="text-muted-foreground">{d.description}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">—</span>;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return <span className="break-words">{String(value)}</span>;
  return <pre className="bg-muted/50 max-h-48 overflow-auto rounded-md p-2 font-mono text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

/** What came with the incident: metrics against their baselines, context (recent deploys…), anything else. */
export function IncidentMetadata({ metadata }: { metadata: Record<string, unknown> }) {
  const metrics = asMetrics(metadata.metrics);
  const context = metadata.context && typeof metadata.context === "object" && !Array.isArray(metadata.context) ? (metadata.context as Record<string, unknown>) : null;
  const rest = Object.entries(metadata).filter(([k]) => !(k === "metrics" && metrics.length > 0) && !(k === "context" && context));
  const deploys = context && Array.isArray(context.recent_deploys) ? (context.recent_deploys as Deploy[]) : [];
  const otherContext = context ? Object.entries(context).filter(([k]) => k !== "recent_deploys") : [];
  return (
    <div className="space-y-5" data-testid="incident-metadata">
      {metrics.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Metrics</h3>
          <MetricsTable metrics={metrics} />
        </section>
      )}
      {(deploys.length > 0 || otherContext.length > 0) && (
        <section className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Context</h3>
          {deploys.length > 0 && (
            <div className="space-y-1">
              <div className="text-sm font-medium">Recent deploys</div>
              <Deploys deploys={deploys} />
            </div>
          )}
          {otherContext.length > 0 && (
            <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
              {otherContext.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{humanKey(k)}</dt>
                  <dd className="min-w-0">
                    <Value value={v} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      )}
      {rest.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Other metadata</h3>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
            {rest.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground font-mono text-xs">{k}</dt>
                <dd className="min-w-0">
                  <Value value={v} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}

export function hasMetadata(metadata: Record<string, unknown>): boolean {
  return Object.keys(metadata).length > 0;
}
