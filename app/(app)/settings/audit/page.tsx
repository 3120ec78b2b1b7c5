import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCaller } from "@/lib/api/caller";
import { Input } from "@/components/ui/input";
import { listAuditActions, listAuditEntries } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PAGE = 100;

function Details({ data }: { data: Record<string, unknown> }) {
  const entries = Object.entries(data).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5" data-testid="audit-details">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="text-foreground min-w-0 break-words whitespace-pre-wrap">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

type Filters = { actor?: string; action?: string; from?: string; to?: string; before?: string };

function day(v: string | undefined, endOfDay = false): Date | undefined {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) return undefined;
  const d = new Date(`${v}T00:00:00.000Z`);
  return endOfDay ? new Date(d.getTime() + 24 * 3600_000) : d;
}

function href(f: Filters): string {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => !!v) as [string, string][]).toString();
  return q ? `/settings/audit?${q}` : "/settings/audit";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Filters> }) {
  const { actor } = await pageCaller({ returnTo: "/settings/audit", admin: true });
  const params = await searchParams;
  const filters: Filters = {
    actor: params.actor?.trim().slice(0, 100) || undefined,
    action: params.action?.trim().slice(0, 100) || undefined,
    from: day(params.from) ? params.from : undefined,
    to: day(params.to) ? params.to : undefined,
  };
  const beforeDate = params.before && !Number.isNaN(Date.parse(params.before)) ? new Date(params.before) : undefined;
  const db = await getDb();
  const [rows, actions] = await Promise.all([
    listAuditEntries(db, actor.workspaceId, {
      limit: PAGE,
      before: beforeDate,
      actor: filters.actor,
      action: filters.action,
      from: day(filters.from),
      to: day(filters.to, true),
    }),
    listAuditActions(db, actor.workspaceId),
  ]);
  const last = rows.at(-1);
  const filtered = !!(filters.actor || filters.action || filters.from || filters.to);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>Who did what to which incident, key or member, and when. Entries are never changed.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form method="get" action="/settings/audit" className="flex flex-wrap items-end gap-2" data-testid="audit-filters">
          <label className="space-y-1 text-xs">
            <span className="text-muted-foreground block">Who</span>
            <Input name="actor" defaultValue={filters.actor} placeholder="name" className="h-8 w-40" data-testid="audit-filter-actor" />
          </label>
          <label className="space-y-1 text-xs">
            <span className="text-muted-foreground block">Action</span>
            <select
              name="action"
              defaultValue={filters.action ?? ""}
              className="border-input bg-background h-8 rounded-md border px-2 text-sm"
              data-testid="audit-filter-action"
            >
              <option value="">Any action</option>
              {Array.from(new Set(actions.map((a) => `${a.split(".")[0]}.`))).map((prefix) => (
                <option key={prefix} value={prefix}>
                  {prefix}* (all)
                </option>
              ))}
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-xs">
            <span className="text-muted-foreground block">From (UTC)</span>
            <Input type="date" name="from" defaultValue={filters.from} className="h-8 w-40" data-testid="audit-filter-from" />
          </label>
          <label className="space-y-1 text-xs">
            <span className="text-muted-foreground block">To (UTC)</span>
            <Input type="date" name="to" defaultValue={filters.to} className="h-8 w-40" data-testid="audit-filter-to" />
          </label>
          <Button type="submit" size="sm" data-testid="audit-filter-apply">
            Filter
          </Button>
          {filtered && (
            <Button asChild variant="ghost" size="sm">
              <Link href="/settings/audit">Clear</Link>
            </Button>
          )}
        </form>
        {rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">{filtered ? "No entry matches these filters." : "Nothing recorded yet."}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Who</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead>Target</TableHead>
                  <TableHead>Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} data-testid="audit-row" className="align-top">
                    <TableCell className="text-xs whitespace-nowrap">
                      <time dateTime={r.createdAt.toISOString()}>{r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                    </TableCell>
                    <TableCell className="text-sm">
                      {r.actorName} {r.actorKind !== "user" ? <Badge variant="outline">{r.actorKind.replace("_", " ")}</Badge> : null}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{r.action}</TableCell>
                    <TableCell className="text-xs whitespace-nowrap">
                      {r.incidentNumber !== null && r.targetId ? (
                        <Link href={`/incidents/${r.targetId}`} className="text-primary font-mono underline-offset-4 hover:underline" data-testid="audit-incident-link">
                          INC-{r.incidentNumber}
                        </Link>
                      ) : r.targetType === "incident" ? (
                        <span className="text-muted-foreground">deleted incident</span>
                      ) : (
                        <span className="text-muted-foreground">{r.targetType.replace(/_/g, " ")}</span>
                      )}
                    </TableCell>
                    <TableCell className="max-w-xl text-xs whitespace-normal">
                      <Details data={r.data} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <div className="flex gap-2">
          {beforeDate && (
            <Button asChild variant="outline" size="sm">
              <Link href={href(filters)}>Newest entries</Link>
            </Button>
          )}
          {rows.length === PAGE && last ? (
            <Button asChild variant="outline" size="sm">
              <Link href={href({ ...filters, before: last.createdAt.toISOString() })} data-testid="audit-older">
                Older entries
              </Link>
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
