import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCaller } from "@/lib/api/caller";
import { listAuditEntries } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PAGE = 100;

function summary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(" · ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { actor } = await pageCaller({ returnTo: "/settings/audit", admin: true });
  const { before } = await searchParams;
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const rows = await listAuditEntries(await getDb(), actor.workspaceId, { limit: PAGE, before: beforeDate });
  const last = rows.at(-1);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>Who did what to which incident, key or member, and when. Entries are never changed.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">Nothing recorded yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Details</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid="audit-row">
                  <TableCell className="text-xs whitespace-nowrap">
                    <time dateTime={r.createdAt.toISOString()}>{r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                  </TableCell>
                  <TableCell className="text-sm">
                    {r.actorName} {r.actorKind !== "user" ? <Badge variant="outline">{r.actorKind.replace("_", " ")}</Badge> : null}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{r.action}</TableCell>
                  <TableCell className="text-muted-foreground max-w-md truncate text-xs">{summary(r.data)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {rows.length === PAGE && last ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/settings/audit?before=${encodeURIComponent(last.createdAt.toISOString())}`}>Older entries</Link>
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
