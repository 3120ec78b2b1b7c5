"use client";

import * as React from "react";
import Link from "next/link";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellOffIcon, SearchIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TimeAgo } from "@/components/incidents/time-ago";
import { LocalTime } from "@/components/incidents/local-time";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { expireSilenceAction } from "@/lib/actions/alerts/expire-silence";
import { describeMatcher, type SignalItem, type SignalPage, type SilenceView } from "@/lib/alerts/shared";
import { SilenceDialog, type SilencePrefill } from "./silence-dialog";

type Filters = { state: string; source: string; q: string };
const noFilters: Filters = { state: "", source: "", q: "" };
const selectClass = "border-input bg-background h-9 rounded-md border px-2 text-sm shadow-xs";

const stateStyle: Record<string, string> = {
  firing: "bg-red-500/15 text-red-700 dark:text-red-300 border-red-500/30",
  resolved: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300 border-emerald-500/30",
  silenced: "bg-slate-500/15 text-slate-700 dark:text-slate-300 border-slate-500/30",
};

function query(f: Filters, cursor?: string): string {
  const p = new URLSearchParams();
  if (f.state) p.set("state", f.state);
  if (f.source) p.set("source", f.source);
  if (f.q) p.set("q", f.q);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** What a silence from this row matches: its service, source and alert name (the usual Alertmanager silence). */
function prefillOf(s: SignalItem): SilencePrefill {
  const labels: Record<string, string> = {};
  if (s.labels.alertname) labels.alertname = s.labels.alertname;
  return { title: s.title, matcher: { service: s.service, source: s.source, labels } };
}

/** The alerts page: every signal intake received (filters, search and paging on the server) and the silences. */
export function AlertsList({
  workspaceSlug,
  basePath,
  canSilence,
  initialPage,
  initialSilences,
}: {
  workspaceSlug: string;
  basePath: string;
  canSilence: boolean;
  initialPage: SignalPage;
  initialSilences: SilenceView[];
}) {
  const hydrated = useHydrated();
  const client = useQueryClient();
  const [draft, setDraft] = React.useState(noFilters);
  const [filters, setFilters] = React.useState(noFilters);
  const [dialog, setDialog] = React.useState<SilencePrefill | null>(null);
  const apply = (f: Filters) => {
    setDraft(f);
    setFilters(f);
  };
  const isDefault = filters.state === "" && filters.source === "" && filters.q === "";

  const signals = useInfiniteQuery({
    queryKey: queryKeys.alertSignals(workspaceSlug, filters),
    queryFn: ({ pageParam, signal }) => fetchJson<SignalPage>(`${workspaceUrl(workspaceSlug, "alerts", "signals")}${query(filters, pageParam ?? undefined)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: isDefault ? { pages: [initialPage], pageParams: [null] } : undefined,
    retry: retryUnless4xx,
    refetchInterval: 15_000,
  });
  const silences = useQuery({
    queryKey: queryKeys.silences(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<SilenceView[]>(workspaceUrl(workspaceSlug, "alerts", "silences"), { signal }),
    initialData: initialSilences,
    retry: retryUnless4xx,
  });
  const items = signals.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.alerts(workspaceSlug) });

  async function expire(id: string) {
    const r = await expireSilenceAction(workspaceSlug, id);
    if (!r.ok) return toast.error(r.error);
    toast.success("Silence expired");
    refresh();
  }

  return (
    <div className="space-y-6" data-testid="alerts-page" data-hydrated={hydrated ? "true" : undefined}>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="relative min-w-56 flex-1">
          <SearchIcon className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
          <Input aria-label="Search alerts" className="pl-8" placeholder="Search title, service, key" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <select aria-label="State" className={selectClass} value={draft.state} onChange={(e) => apply({ ...draft, state: e.target.value })}>
          <option value="">Any state</option>
          <option value="firing">Firing</option>
          <option value="resolved">Resolved</option>
          <option value="silenced">Silenced</option>
        </select>
        <select aria-label="Source" className={selectClass} value={draft.source} onChange={(e) => apply({ ...draft, source: e.target.value })}>
          <option value="">Any source</option>
          <option value="alertmanager">Alertmanager</option>
          <option value="grafana">Grafana</option>
          <option value="pagerduty">PagerDuty</option>
          <option value="generic">Events</option>
          <option value="simulator">Simulator</option>
        </select>
        <Button type="submit" variant="outline" disabled={!hydrated}>
          Search
        </Button>
      </form>

      <div className="overflow-x-auto rounded-xl border">
        <Table data-testid="alerts-table">
          <TableHeader>
            <TableRow>
              <TableHead>State</TableHead>
              <TableHead>Alert</TableHead>
              <TableHead className="hidden md:table-cell">Source</TableHead>
              <TableHead className="hidden md:table-cell">First seen</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead className="text-right">Notifications</TableHead>
              <TableHead>Incident</TableHead>
              {canSilence && <TableHead className="w-0" />}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.length === 0 && (
              <TableRow>
                <TableCell colSpan={8} className="text-muted-foreground py-10 text-center text-sm" data-testid="alerts-empty">
                  {isDefault ? "No signals yet. Alerts and events that intake receives appear here." : "No signal matches these filters."}
                </TableCell>
              </TableRow>
            )}
            {items.map((s) => (
              <TableRow key={s.id} data-testid="alert-row" data-state={s.state} data-service={s.service}>
                <TableCell>
                  <Badge variant="outline" className={stateStyle[s.state]}>
                    {s.state}
                  </Badge>
                  {s.suppressedBy && <div className="text-muted-foreground mt-1 text-xs">{s.suppressedBy.kind === "silence" ? "by a silence" : "maintenance"}</div>}
                </TableCell>
                <TableCell className="max-w-56 md:max-w-96">
                  <div className="truncate font-medium" title={s.title}>
                    {s.title}
                  </div>
                  <div className="text-muted-foreground truncate text-xs">
                    {s.service} · <span className="font-mono">{s.signalKey}</span>
                  </div>
                </TableCell>
                <TableCell className="hidden md:table-cell text-sm">{s.source}</TableCell>
                <TableCell className="hidden md:table-cell text-sm">
                  <LocalTime iso={s.firstSeenAt} />
                </TableCell>
                <TableCell className="text-sm">
                  <TimeAgo date={s.lastSeenAt} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{s.notifications}</TableCell>
                <TableCell className="text-sm">
                  {s.incident ? (
                    <Link href={`${basePath}/incidents/${s.incident.id}`} className="font-mono text-xs underline-offset-2 hover:underline" title={s.incident.title}>
                      INC-{s.incident.number}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                {canSilence && (
                  <TableCell>
                    {s.state !== "silenced" && (
                      <Button size="sm" variant="ghost" disabled={!hydrated} onClick={() => setDialog(prefillOf(s))} data-testid="silence-row">
                        <BellOffIcon className="size-4" aria-hidden /> Silence
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {signals.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => signals.fetchNextPage()} disabled={signals.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      )}

      <section className="space-y-3" data-testid="silences">
        <h2 className="text-lg font-semibold">Silences</h2>
        {(silences.data ?? []).length === 0 ? (
          <p className="text-muted-foreground text-sm">No silences. Silence an alert from its row: matching signals are recorded but open nothing and page nobody.</p>
        ) : (
          <ul className="divide-y rounded-xl border">
            {(silences.data ?? []).map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="silence-item" data-state={s.state}>
                <Badge variant="outline" className={s.state === "expired" ? "text-muted-foreground" : stateStyle.silenced}>
                  {s.state}
                </Badge>
                <code className="bg-muted rounded px-1.5 py-0.5 font-mono text-xs">{describeMatcher(s.matcher)}</code>
                <span className="min-w-40 flex-1 truncate">{s.reason}</span>
                <span className="text-muted-foreground text-xs">
                  {s.state === "expired" ? "ended" : "until"} <LocalTime iso={s.endsAt} /> · {s.createdBy}
                </span>
                {canSilence && s.state !== "expired" && (
                  <Button size="sm" variant="outline" onClick={() => expire(s.id)} disabled={!hydrated}>
                    Expire
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SilenceDialog workspaceSlug={workspaceSlug} prefill={dialog} open={dialog !== null} onOpenChange={(o) => !o && setDialog(null)} onCreated={refresh} />
    </div>
  );
}
