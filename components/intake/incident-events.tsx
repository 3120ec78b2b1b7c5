"use client";

import * as React from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { BracesIcon, ChevronDownIcon, ExternalLinkIcon, Loader2Icon } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import type { IncidentEventItem, IncidentEventsView, IncidentSignalItem } from "@/lib/intake";
import { queryKeys } from "@/lib/query-keys";
import { LevelBadge } from "./level-badge";

/** Events per request: enough that near-identical events fold into a few groups on the first page. */
const PAGE_SIZE = 200;

type EventGroup = { key: string; items: IncidentEventItem[]; first: string; last: string };

/** Near-identical events (same fingerprint, or the same message once numbers and ids are masked) in one group, newest group first. */
export function groupEvents(items: IncidentEventItem[]): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const e of items) {
    const masked = e.message.replace(/\b[0-9a-f]{8,}\b/gi, "#").replace(/\d+(\.\d+)?/g, "#");
    const key = e.fingerprint ? `fp:${e.fingerprint}` : `msg:${e.service}|${e.level}|${masked}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { key, items: [e], first: e.timestamp, last: e.timestamp });
    else {
      g.items.push(e);
      if (e.timestamp < g.first) g.first = e.timestamp;
      if (e.timestamp > g.last) g.last = e.timestamp;
    }
  }
  return [...groups.values()].sort((a, b) => b.last.localeCompare(a.last));
}

function safeHref(v: unknown): string | null {
  return typeof v === "string" && /^https?:\/\//i.test(v) ? v : null;
}

/** Links an event carries (Alertmanager's generatorURL, Grafana's dashboard, panel and silence URLs). */
function EventLinks({ e }: { e: IncidentEventItem }) {
  const a = e.attributes ?? {};
  const links = (
    [
      ["Source graph", a.generator_url],
      ["Dashboard", a.dashboardURL],
      ["Panel", a.panelURL],
      ["Silence", a.silenceURL],
      ["Runbook", a.runbook_url],
    ] as const
  )
    .map(([label, v]): [string, string | null] => [label, safeHref(v)])
    .filter((x): x is [string, string] => !!x[1]);
  if (links.length === 0) return null;
  return (
    <span className="ml-2 inline-flex flex-wrap gap-x-2 text-xs">
      {links.map(([label, href]) => (
        <a key={label} href={href} target="_blank" rel="noreferrer noopener" className="text-primary inline-flex items-center gap-0.5 underline-offset-4 hover:underline">
          {label} <ExternalLinkIcon className="size-3" aria-hidden />
        </a>
      ))}
    </span>
  );
}

function EventRow({ e, onRaw }: { e: IncidentEventItem; onRaw: (e: IncidentEventItem) => void }) {
  return (
    <li className="flex items-start gap-3 py-1.5" data-testid="incident-event">
      <LevelBadge level={e.level} />
      <time className="text-muted-foreground w-32 shrink-0 font-mono text-xs leading-6" dateTime={e.timestamp} suppressHydrationWarning>
        {formatTime(e.timestamp)}
      </time>
      <div className="min-w-0 flex-1 leading-6">
        <span className="break-words">{e.message}</span>
        <span className="text-muted-foreground ml-2 text-xs">
          {e.service} · {e.source}
        </span>
        <EventLinks e={e} />
      </div>
      <Button variant="ghost" size="icon-sm" aria-label="Show raw payload" title="Show raw payload" onClick={() => onRaw(e)}>
        <BracesIcon />
      </Button>
    </li>
  );
}

function GroupRow({ group, onRaw }: { group: EventGroup; onRaw: (e: IncidentEventItem) => void }) {
  const [open, setOpen] = React.useState(false);
  const latest = group.items[0];
  return (
    <li className="py-1.5" data-testid="incident-event-group" data-count={group.items.length}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="hover:bg-accent/50 focus-visible:ring-ring/50 -mx-1 flex w-full items-start gap-3 rounded-md px-1 text-left outline-none focus-visible:ring-[3px]"
      >
        <LevelBadge level={latest.level} />
        <span className="bg-secondary mt-0.5 shrink-0 rounded px-1.5 text-xs font-medium tabular-nums" data-testid="incident-event-group-count">
          ×{group.items.length}
        </span>
        <span className="min-w-0 flex-1 leading-6">
          <span className="break-words">{latest.message}</span>
          <span className="text-muted-foreground block text-xs" suppressHydrationWarning>
            {latest.service} · first {formatTime(group.first)} · last {formatTime(group.last)}
          </span>
        </span>
        <ChevronDownIcon className={cn("text-muted-foreground mt-1 size-4 shrink-0 transition-transform", open && "rotate-180")} aria-hidden />
      </button>
      {open && (
        <ol className="mt-1 ml-4 divide-y border-l pl-3">
          {group.items.map((e) => (
            <EventRow key={e.id} e={e} onRaw={onRaw} />
          ))}
        </ol>
      )}
    </li>
  );
}


function formatTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

/** The incident's events, newest first, one page at a time; the raw payload opens on demand. */
export function IncidentEvents({ workspaceSlug, incidentId }: { workspaceSlug: string; incidentId: string }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.incidentEvents(workspaceSlug, incidentId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<IncidentEventsView>(
        `${workspaceUrl(workspaceSlug, "incidents", incidentId, "events")}?limit=${PAGE_SIZE}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [open, setOpen] = React.useState<IncidentEventItem | null>(null);
  const items = React.useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total;
  const signals = query.data?.pages[0]?.signals;
  const groups = React.useMemo(() => groupEvents(items), [items]);

  return (
    <Card data-testid="incident-events">
      <CardHeader>
        <CardTitle className="text-base">Events</CardTitle>
        <CardDescription>
          {total === undefined
            ? "Signals that opened or joined this incident."
            : `${total} event${total === 1 ? "" : "s"}${groups.length < items.length ? ` in ${groups.length} group${groups.length === 1 ? "" : "s"} of alike events` : ""}, newest first${query.hasNextPage ? ` (groups count the ${items.length} newest; load older events to fold them in)` : ""}.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        {signals && signals.total > 0 ? <IncidentAlerts signals={signals} /> : null}
        {query.isPending ? (
          <div className="space-y-2">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} className="h-7 w-full" />
            ))}
          </div>
        ) : query.isError ? (
          <p className="text-destructive text-sm">Could not load events: {query.error.message}</p>
        ) : items.length === 0 ? (
          <p className="text-muted-foreground text-sm">No events are linked to this incident.</p>
        ) : (
          <ol className="divide-y text-sm" data-testid="incident-events-list">
            {groups.map((g) => (g.items.length === 1 ? <EventRow key={g.key} e={g.items[0]} onRaw={setOpen} /> : <GroupRow key={g.key} group={g} onRaw={setOpen} />))}
          </ol>
        )}
        {query.hasNextPage ? (
          <Button variant="outline" size="sm" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" /> : null}
            Older events
          </Button>
        ) : null}
      </CardContent>
      <RawPayloadDialog workspaceSlug={workspaceSlug} incidentId={incidentId} event={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

/** A short name for an alert: its alertname and the labels that tell instances apart. */
function alertName(s: IncidentSignalItem): string {
  const { alertname, instance, pod, job } = s.labels;
  const where = instance ?? pod ?? job;
  return `${alertname ?? s.signalKey}${where ? ` · ${where}` : ""}`;
}

/**
 * The incident's alerts with how many notifications named each: a re-notification that changed
 * nothing is counted here (and moves "last seen"), not listed as an event.
 */
function IncidentAlerts({ signals }: { signals: { items: IncidentSignalItem[]; total: number; notifications: number } }) {
  const firing = signals.items.filter((s) => s.status === "firing").length;
  return (
    <div className="rounded-md border" data-testid="incident-alerts">
      <div className="text-muted-foreground flex flex-wrap items-baseline justify-between gap-2 border-b px-3 py-1.5 text-xs">
        <span className="text-foreground font-medium">
          Alerts: {signals.total} ({firing} firing)
        </span>
        <span data-testid="incident-alerts-notifications">
          {signals.notifications.toLocaleString("en")} notification{signals.notifications === 1 ? "" : "s"} received
        </span>
      </div>
      <ul className="divide-y text-sm">
        {signals.items.map((s) => (
          <li key={`${s.source}:${s.signalKey}`} className="flex items-center gap-3 px-3 py-1.5" data-testid="incident-alert">
            <span
              className={
                s.status === "firing"
                  ? "rounded bg-red-500/15 px-1.5 py-0.5 text-xs font-medium text-red-700 dark:text-red-300"
                  : "rounded bg-emerald-500/15 px-1.5 py-0.5 text-xs font-medium text-emerald-700 dark:text-emerald-300"
              }
            >
              {s.status}
            </span>
            <span className="min-w-0 flex-1 truncate font-mono text-xs" title={JSON.stringify(s.labels)}>
              {alertName(s)}
            </span>
            <span className="text-muted-foreground text-xs tabular-nums" data-testid="incident-alert-notifications" title="Notifications that named this alert">
              ×{s.notifications.toLocaleString("en")}
            </span>
            <time className="text-muted-foreground w-32 shrink-0 text-right font-mono text-xs" dateTime={s.lastSeenAt} title="Last notified" suppressHydrationWarning>
              {formatTime(s.lastSeenAt)}
            </time>
          </li>
        ))}
      </ul>
      {signals.total > signals.items.length ? (
        <p className="text-muted-foreground border-t px-3 py-1.5 text-xs">Showing {signals.items.length} of {signals.total} alerts.</p>
      ) : null}
    </div>
  );
}

function RawPayloadDialog({
  workspaceSlug,
  incidentId,
  event,
  onClose,
}: {
  workspaceSlug: string;
  incidentId: string;
  event: IncidentEventItem | null;
  onClose: () => void;
}) {
  const [state, setState] = React.useState<{ id: string; text: string } | { id: string; error: string } | null>(null);
  React.useEffect(() => {
    if (!event) return;
    let cancelled = false;
    fetchJson<{ raw: unknown; attributes: Record<string, unknown> }>(workspaceUrl(workspaceSlug, "incidents", incidentId, "events", event.id)).then(
      (payload) => {
        // Generic events have no integration payload: show the event as it was stored.
        if (!cancelled) setState({ id: event.id, text: JSON.stringify(payload.raw ?? { ...event, attributes: payload.attributes }, null, 2) });
      },
      (e: Error) => {
        if (!cancelled) setState({ id: event.id, error: e.message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [event, workspaceSlug, incidentId]);
  const current = state && event && state.id === event.id ? state : null;
  return (
    <Dialog open={!!event} onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Raw payload</DialogTitle>
          <DialogDescription>{event ? `${event.level} · ${event.source} · ${event.service}` : null}</DialogDescription>
        </DialogHeader>
        {!current ? (
          <Skeleton className="h-40 w-full" />
        ) : "error" in current ? (
          <p className="text-destructive text-sm">{current.error}</p>
        ) : (
          <pre className="bg-muted max-h-[60vh] overflow-auto rounded-md p-3 font-mono text-xs" data-testid="raw-payload">
            {current.text}
          </pre>
        )}
      </DialogContent>
    </Dialog>
  );
}
