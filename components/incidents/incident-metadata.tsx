"use client";

import * as React from "react";
import { ArrowDownRightIcon, ArrowUpRightIcon, BracesIcon, ExternalLinkIcon, GitCommitHorizontalIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
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

/** Change against the baseline, always in percent ("−95 %" for 800 → 38.7). */
function percentChange(value: number, baseline: number | undefined): number | null {
  if (baseline === undefined || baseline === 0) return null;
  return ((value - baseline) / Math.abs(baseline)) * 100;
}

function formatPercent(p: number): string {
  const rounded = Math.abs(p) >= 10 ? Math.round(p) : +p.toFixed(1);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${Math.abs(rounded).toLocaleString("en")} %`;
}

function MetricsTable({ metrics }: { metrics: Metric[] }) {
  const withSigma = metrics.some((m) => typeof m.sigma === "number");
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table data-testid="incident-metrics-table">
        <TableHeader>
          <TableRow>
            <TableHead>Metric</TableHead>
            <TableHead className="text-right">Value</TableHead>
            <TableHead className="text-right">Baseline</TableHead>
            <TableHead className="text-right">Change (%)</TableHead>
            {withSigma && <TableHead className="text-right">Deviation (σ)</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {metrics.map((m) => {
            const change = percentChange(m.value, m.baseline);
            const up = change !== null && change >= 0;
            const notable = m.sigma !== undefined ? Math.abs(m.sigma) >= 3 : change !== null && (change >= 100 || change <= -50);
            return (
              <TableRow key={m.name}>
                <TableCell className="font-mono text-xs">{m.name}</TableCell>
                <TableCell className={cn("text-right tabular-nums", notable && "text-destructive font-medium")}>{formatNumber(m.value, m.unit)}</TableCell>
                <TableCell className="text-muted-foreground text-right tabular-nums">{m.baseline !== undefined ? formatNumber(m.baseline, m.unit) : "—"}</TableCell>
                <TableCell className="text-right tabular-nums" data-testid="metric-change">
                  {change !== null ? (
                    <span className={cn("inline-flex items-center gap-0.5", notable ? "text-destructive" : "text-muted-foreground")}>
                      {up ? <ArrowUpRightIcon className="size-3.5" aria-hidden /> : <ArrowDownRightIcon className="size-3.5" aria-hidden />}
                      {formatPercent(change)}
                    </span>
                  ) : (
                    "—"
                  )}
                </TableCell>
                {withSigma && (
                  <TableCell className="text-muted-foreground text-right tabular-nums" data-testid="metric-sigma">
                    {typeof m.sigma === "number" ? `${m.sigma > 0 ? "+" : m.sigma < 0 ? "−" : ""}${Math.abs(+m.sigma.toFixed(1))}σ` : "—"}
                  </TableCell>
                )}
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
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const href = safeHref(value);
    return href ? (
      <a href={href} target="_blank" rel="noreferrer noopener" className="text-primary break-all underline-offset-4 hover:underline">
        {String(value)}
      </a>
    ) : (
      <span className="break-words">{String(value)}</span>
    );
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.length === 0 ? (
      <span className="text-muted-foreground">none</span>
    ) : (
      <span className="flex flex-wrap gap-1">
        {value.map((v, i) => (
          <span key={i} className="bg-secondary rounded px-1.5 font-mono text-[11px]">
            {String(v)}
          </span>
        ))}
      </span>
    );
  }
  return <span className="text-muted-foreground text-xs">structured value (see Raw)</span>;
}

function safeHref(v: unknown): string | null {
  return typeof v === "string" && /^https?:\/\/\S+$/i.test(v) ? v : null;
}

type Flag = { name?: string; enabled?: boolean; changed_minutes_ago?: number; description?: string };

function Flags({ flags }: { flags: Flag[] }) {
  return (
    <ul className="space-y-1.5" data-testid="incident-flags">
      {flags.map((f, i) => (
        <li key={`${f.name}-${i}`} className="flex flex-wrap items-baseline gap-2 text-sm">
          <span className="font-mono font-medium">{f.name}</span>
          <span
            className={cn(
              "rounded px-1.5 text-[11px] font-medium",
              f.enabled ? "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300" : "bg-muted text-muted-foreground",
            )}
          >
            {f.enabled ? "on" : "off"}
          </span>
          {typeof f.changed_minutes_ago === "number" && <span className="text-muted-foreground text-xs">changed {agoText(f.changed_minutes_ago)}</span>}
          {f.description && <span className="text-muted-foreground w-full text-xs">{f.description}</span>}
        </li>
      ))}
    </ul>
  );
}

type AlertSource = { group_key?: string; receiver?: string | null; external_url?: string | null; group_labels?: Record<string, string>; common_labels?: Record<string, string> };

/** Alertmanager's new-silence page, prefilled with the group's labels. */
function silenceUrl(src: AlertSource): string | null {
  const base = safeHref(src.external_url);
  const labels = src.group_labels && Object.keys(src.group_labels).length ? src.group_labels : src.common_labels;
  if (!base || !labels || Object.keys(labels).length === 0) return null;
  const filter = `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${String(v).replace(/"/g, '\\"')}"`)
    .join(",")}}`;
  return `${base.replace(/\/$/, "")}/#/silences/new?filter=${encodeURIComponent(filter)}`;
}

function Labels({ labels }: { labels: Record<string, unknown> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {Object.entries(labels).map(([k, v]) => (
        <span key={k} className="bg-secondary rounded px-1.5 font-mono text-[11px]">
          {k}={String(v)}
        </span>
      ))}
    </span>
  );
}

function LinkOut({ href, children, testId }: { href: string; children: React.ReactNode; testId?: string }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" data-testid={testId} className="text-primary inline-flex items-center gap-1 text-sm underline-offset-4 hover:underline">
      {children} <ExternalLinkIcon className="size-3" aria-hidden />
    </a>
  );
}

const asObject = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * What came with the incident, as UI: metrics against their baselines, recent deploys and feature
 * flags, runbook links, the alert group (labels, a link to Alertmanager and to silence it), the
 * intake rule that opened it. Everything, as stored, behind "Raw".
 */
export function IncidentMetadata({ metadata }: { metadata: Record<string, unknown> }) {
  const [raw, setRaw] = React.useState(false);
  const metrics = asMetrics(metadata.metrics);
  const context = asObject(metadata.context);
  const deploys = context && Array.isArray(context.recent_deploys) ? (context.recent_deploys as Deploy[]) : [];
  const flags = context && Array.isArray(context.feature_flags) ? (context.feature_flags as Flag[]).filter((f) => f && typeof f.name === "string") : [];
  const otherContext = context
    ? Object.entries(context).filter(([k, v]) => k !== "recent_deploys" && k !== "feature_flags" && v !== null && !(Array.isArray(v) && v.length === 0) && !asObject(v))
    : [];
  const runbooks = (Array.isArray(metadata.runbook_urls) ? metadata.runbook_urls : typeof metadata.runbook_url === "string" ? [metadata.runbook_url] : [])
    .map(safeHref)
    .filter((u): u is string => !!u);
  const alertSources = (["alertmanager", "grafana"] as const)
    .map((name) => [name, asObject(metadata[name]) as AlertSource | null] as const)
    .filter((x): x is readonly ["alertmanager" | "grafana", AlertSource] => !!x[1]);
  const intake = asObject(metadata.intake);
  const rule = intake ? asObject(intake.rule) : null;
  const known = new Set(["metrics", "context", "runbook_urls", "runbook_url", "alertmanager", "grafana", "intake"]);
  const rest = Object.entries(metadata).filter(([k, v]) => !known.has(k) && (typeof v !== "object" || v === null || (Array.isArray(v) && v.every((x) => typeof x !== "object"))));

  return (
    <div className="space-y-5" data-testid="incident-metadata">
      {metrics.length > 0 && (
        <section className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Metrics</h3>
          <MetricsTable metrics={metrics} />
        </section>
      )}
      {(runbooks.length > 0 || alertSources.length > 0) && (
        <section className="space-y-2" data-testid="incident-links">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Runbooks and alerts</h3>
          {runbooks.length > 0 && (
            <div className="flex flex-col gap-1">
              {runbooks.map((u) => (
                <LinkOut key={u} href={u} testId="incident-runbook-link">
                  Runbook: {u.replace(/^https?:\/\//, "")}
                </LinkOut>
              ))}
            </div>
          )}
          {alertSources.map(([name, src]) => {
            const silence = name === "alertmanager" ? silenceUrl(src) : null;
            const ext = safeHref(src.external_url);
            return (
              <div key={name} className="space-y-1.5 text-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-medium">{name === "alertmanager" ? "Alertmanager" : "Grafana"} group</span>
                  {src.receiver && <span className="text-muted-foreground text-xs">receiver {src.receiver}</span>}
                  {ext && <LinkOut href={ext}>Open {name === "alertmanager" ? "Alertmanager" : "Grafana"}</LinkOut>}
                  {silence && (
                    <LinkOut href={silence} testId="incident-silence-link">
                      Silence this group
                    </LinkOut>
                  )}
                </div>
                {src.common_labels && Object.keys(src.common_labels).length > 0 && <Labels labels={src.common_labels} />}
              </div>
            );
          })}
        </section>
      )}
      {(deploys.length > 0 || flags.length > 0 || otherContext.length > 0) && (
        <section className="space-y-3">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Context</h3>
          {deploys.length > 0 && (
            <div className="space-y-1">
              <div className="text-sm font-medium">Recent deploys</div>
              <Deploys deploys={deploys} />
            </div>
          )}
          {flags.length > 0 && (
            <div className="space-y-1">
              <div className="text-sm font-medium">Feature flags</div>
              <Flags flags={flags} />
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
      {rule && (
        <p className="text-muted-foreground text-sm" data-testid="incident-intake-rule">
          Opened by the intake rule: {String(rule.minCount ?? "?")} events at {String(rule.minLevel ?? "?")} or above within{" "}
          {typeof rule.windowSeconds === "number" ? `${+(rule.windowSeconds / 60).toFixed(1)} min` : "its window"}
          {typeof intake?.source === "string" ? ` (from ${intake.source})` : ""}.
        </p>
      )}
      {rest.length > 0 && (
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,auto)_1fr]">
          {rest.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{humanKey(k)}</dt>
              <dd className="min-w-0">
                <Value value={v} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <div>
        <Button variant="ghost" size="sm" className="h-7 px-2" aria-expanded={raw} onClick={() => setRaw((v) => !v)} data-testid="metadata-raw-toggle">
          <BracesIcon /> {raw ? "Hide raw" : "Raw"}
        </Button>
        {raw && (
          <pre className="bg-muted/50 mt-2 max-h-96 overflow-auto rounded-md p-2 font-mono text-xs whitespace-pre-wrap" data-testid="metadata-raw">
            {JSON.stringify(metadata, null, 2)}
          </pre>
        )}
      </div>
    </div>
  );
}

export function hasMetadata(metadata: Record<string, unknown>): boolean {
  return Object.keys(metadata).length > 0;
}
