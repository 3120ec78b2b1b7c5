"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon, PlusIcon, RotateCcwIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { resetTopologyAction } from "@/lib/actions/simulation/reset-topology";
import { saveTopologyAction } from "@/lib/actions/simulation/save-topology";
import { serviceKinds, type ServiceSpec } from "@/lib/topology";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FieldError } from "@/components/forms/form-errors";

type Row = { name: string; team: string; tier: string; kind: string; depends: string; slo: string; replicas: string; rest: Partial<ServiceSpec> };

const selectClass = "border-input bg-background h-9 rounded-md border px-2 text-sm shadow-xs";

function toRows(services: ServiceSpec[]): Row[] {
  return services.map(({ name, team, tier, kind, depends_on, slo_p95_ms, replicas, ...rest }) => ({
    name,
    team,
    tier: String(tier),
    kind,
    depends: depends_on.join(", "),
    slo: String(slo_p95_ms),
    replicas: String(replicas),
    rest,
  }));
}

/** Services, teams, tiers and dependencies of the simulated world, and the health threshold. */
export function TopologyEditor({ workspaceSlug, services, threshold, version, canEdit, isDefault }: { workspaceSlug: string; services: ServiceSpec[]; threshold: number; version: number; canEdit: boolean; isDefault: boolean }) {
  const router = useRouter();
  const [rows, setRows] = React.useState(() => toRows(services));
  const [limit, setLimit] = React.useState(String(threshold));
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);
  const hydrated = useHydrated();
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const errorFor = (i: number, field: string) =>
    Object.entries(errors)
      .filter(([p]) => p === `topology.services.${i}.${field}` || p.startsWith(`topology.services.${i}.${field}.`))
      .flatMap(([, m]) => m);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const topology = {
      services: rows.map((r) => ({
        ...r.rest,
        name: r.name.trim(),
        team: r.team.trim(),
        tier: Number(r.tier),
        kind: r.kind,
        depends_on: r.depends.split(",").map((d) => d.trim()).filter(Boolean),
        slo_p95_ms: Number(r.slo),
        replicas: Number(r.replicas),
      })),
    };
    const res = await saveTopologyAction(workspaceSlug, { topology, health_threshold: limit, version });
    setPending(false);
    if (!res.ok) {
      setErrors(res.fieldErrors ?? {});
      return toast.error(res.error);
    }
    setErrors({});
    toast.success("Topology saved: new runs use it");
    router.refresh();
  }

  async function reset() {
    const res = await resetTopologyAction(workspaceSlug);
    if (!res.ok) return toast.error(res.error);
    setRows(toRows(res.data.topology.services));
    setLimit(String(res.data.threshold));
    toast.success("Default topology restored");
    router.refresh();
  }

  const general = [...(errors["topology.services"] ?? []), ...(errors.topology ?? [])];
  return (
    <form onSubmit={save} className="space-y-4" data-hydrated={hydrated ? "true" : undefined}>
      <Card>
        <CardHeader>
          <CardTitle>Health threshold</CardTitle>
          <CardDescription>Below this health a check emits error events into intake (70 % by default).</CardDescription>
        </CardHeader>
        <CardContent className="flex items-end gap-2">
          <div className="space-y-1">
            <Label htmlFor="threshold">Threshold (%)</Label>
            <Input id="threshold" className="w-28" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} disabled={!canEdit} aria-invalid={!!errors.health_threshold} />
          </div>
          <FieldError errors={errors.health_threshold} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Services</CardTitle>
          <CardDescription>
            {isDefault ? "The OpenTelemetry Astronomy Shop (default). " : ""}Dependencies are what a service calls; failures cascade to its callers. New runs take a copy of this topology.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          {general.length ? <p className="text-destructive text-sm" data-testid="topology-error">{general.join("; ")}</p> : null}
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Service</TableHead>
                  <TableHead>Team</TableHead>
                  <TableHead>Tier</TableHead>
                  <TableHead>Kind</TableHead>
                  <TableHead className="min-w-64">Depends on</TableHead>
                  <TableHead>p95 SLO (ms)</TableHead>
                  <TableHead>Replicas</TableHead>
                  <TableHead className="min-w-72">On call (channel, group, engineers)</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r, i) => {
                  const problems = ["name", "team", "tier", "depends_on", "slo_p95_ms", "replicas", "channel", "oncall_group", "engineers"].flatMap((f) => errorFor(i, f));
                  const mapping = (patch: Partial<ServiceSpec>) => update(i, { rest: { ...r.rest, ...patch } });
                  return (
                    <TableRow key={i} data-testid={`topology-row-${r.name || i}`}>
                      <TableCell>
                        <Input aria-label="Service" value={r.name} onChange={(e) => update(i, { name: e.target.value })} disabled={!canEdit} className="w-36" />
                        {problems.length ? <p className="text-destructive mt-1 max-w-64 text-xs">{problems.join("; ")}</p> : null}
                      </TableCell>
                      <TableCell>
                        <Input aria-label="Team" value={r.team} onChange={(e) => update(i, { team: e.target.value })} disabled={!canEdit} className="w-28" />
                      </TableCell>
                      <TableCell>
                        <select aria-label="Tier" className={selectClass} value={r.tier} onChange={(e) => update(i, { tier: e.target.value })} disabled={!canEdit}>
                          {[1, 2, 3].map((t) => (
                            <option key={t} value={t}>
                              {t}
                            </option>
                          ))}
                        </select>
                      </TableCell>
                      <TableCell>
                        <select aria-label="Kind" className={selectClass} value={r.kind} onChange={(e) => update(i, { kind: e.target.value })} disabled={!canEdit}>
                          {serviceKinds.map((k) => (
                            <option key={k} value={k}>
                              {k}
                            </option>
                          ))}
                        </select>
                      </TableCell>
                      <TableCell>
                        <Input aria-label="Depends on" value={r.depends} onChange={(e) => update(i, { depends: e.target.value })} disabled={!canEdit} placeholder="comma-separated" />
                      </TableCell>
                      <TableCell>
                        <Input aria-label="p95 SLO" value={r.slo} onChange={(e) => update(i, { slo: e.target.value })} disabled={!canEdit} className="w-20" inputMode="numeric" />
                      </TableCell>
                      <TableCell>
                        <Input aria-label="Replicas" value={r.replicas} onChange={(e) => update(i, { replicas: e.target.value })} disabled={!canEdit} className="w-16" inputMode="numeric" />
                      </TableCell>
                      <TableCell>
                        <div className="flex gap-1">
                          <Input aria-label="Channel" value={r.rest.channel ?? ""} onChange={(e) => mapping({ channel: e.target.value.trim() || undefined })} disabled={!canEdit} placeholder={`#${r.name || "service"}-oncall`} className="w-36 font-mono text-xs" />
                          <Input aria-label="On-call group" value={r.rest.oncall_group ?? ""} onChange={(e) => mapping({ oncall_group: e.target.value.trim() || undefined })} disabled={!canEdit} placeholder={`@${r.name || "service"}-oncall`} className="w-36 font-mono text-xs" />
                          <Input
                            aria-label="Engineers"
                            defaultValue={(r.rest.engineers ?? []).join(", ")}
                            onBlur={(e) => {
                              const list = e.target.value.split(",").map((x) => x.trim()).filter(Boolean);
                              mapping({ engineers: list.length ? list : undefined });
                            }}
                            disabled={!canEdit}
                            placeholder="alice, bob"
                            className="w-32 text-xs"
                          />
                        </div>
                      </TableCell>
                      <TableCell>
                        {canEdit ? (
                          <Button type="button" size="icon" variant="ghost" aria-label={`Remove ${r.name}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                            <Trash2Icon aria-hidden />
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="outline" onClick={() => setRows((rs) => [...rs, { name: "", team: "", tier: "2", kind: "service", depends: "", slo: "500", replicas: "2", rest: {} }])}>
                <PlusIcon aria-hidden /> Add service
              </Button>
              <Button type="submit" disabled={pending} data-testid="save-topology">
                {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : null} Save topology
              </Button>
              <Button type="button" variant="ghost" onClick={reset}>
                <RotateCcwIcon aria-hidden /> Restore default
              </Button>
            </div>
          ) : (
            <p className="text-muted-foreground text-sm">Only admins can edit the topology.</p>
          )}
        </CardContent>
      </Card>
    </form>
  );
}
