"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { SquareIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { stopSimulationAction } from "@/lib/actions/simulation/stop-simulation";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import type { SimulationView } from "@/lib/simulation/shared";

/** Runs in progress and recent ones: progress, the systems they hurt, incidents opened, stop. */
export function RunsPanel({ workspaceSlug, basePath, canRun }: { workspaceSlug: string; basePath: string; canRun: boolean }) {
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.simulations(workspaceSlug),
    // A GET (not a server action): polling must not queue behind the user's own actions.
    queryFn: async ({ signal }) => (await fetchJson<{ items: SimulationView[] }>(workspaceUrl(workspaceSlug, "simulations"), { signal })).items,
    refetchInterval: (q) => (q.state.data?.some((s) => s.status === "running") ? 1_500 : 10_000),
  });
  const runs = (data ?? []).slice(0, 8);
  if (runs.length === 0) return null;
  async function stop(id: string) {
    const r = await stopSimulationAction(workspaceSlug, id);
    if (!r.ok) return toast.error(r.error);
    toast.success("Stopped: the world heals");
    void qc.invalidateQueries({ queryKey: queryKeys.simulations(workspaceSlug) });
    void qc.invalidateQueries({ queryKey: queryKeys.systemsHealth(workspaceSlug) });
  }
  return (
    <section className="space-y-2" aria-label="Runs" data-testid="runs-panel">
      <h2 className="text-lg font-semibold">Runs</h2>
      <ul className="divide-y rounded-md border">
        {runs.map((r) => (
          <li key={r.simulationId} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid={`run-${r.simulationId}`} data-status={r.status} data-waiting={r.waitingForRemediation ? "true" : undefined}>
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {r.scenarioName} <span className="text-muted-foreground font-normal">· {r.speed}× · seed {r.seed}</span>
              </p>
              <div className="mt-1 flex items-center gap-2">
                <div className="bg-muted h-1.5 w-40 overflow-hidden rounded" aria-label="progress">
                  <div className="bg-primary h-full" style={{ width: `${Math.round(r.progress * 100)}%` }} />
                </div>
                <span className="text-muted-foreground text-xs tabular-nums">
                  {r.waitingForRemediation && r.kind !== "injection"
                    ? `script ended at ${Math.round(r.durationSeconds)} s · ${Math.round(r.elapsedSeconds)} s`
                    : `${Math.round(r.elapsedSeconds)} / ${r.kind === "injection" ? "∞" : Math.round(r.durationSeconds)} s`}
                </span>
                {r.unhealthy.length ? <span className="text-xs text-red-600 dark:text-red-400">unhealthy: {r.unhealthy.join(", ")}</span> : null}
              </div>
            </div>
            <div className="flex flex-wrap gap-1">
              {r.incidents.map((i) => (
                <Link key={i.id} href={`${basePath}/incidents/${i.id}`} className="text-xs underline underline-offset-2" data-testid="run-incident-link">
                  INC-{i.number} · {i.service}
                </Link>
              ))}
            </div>
            {r.waitingForRemediation ? (
              <Badge
                variant="outline"
                className="border-amber-500/40 bg-amber-500/10 text-amber-800 dark:text-amber-300"
                data-testid="run-waiting"
                title="The script has ended; its faults persist until an action fixes them, or the run is stopped."
              >
                waiting for remediation
              </Badge>
            ) : (
              <Badge variant={r.status === "running" ? "default" : "secondary"}>{r.status}</Badge>
            )}
            {canRun && r.status === "running" ? (
              <Button size="sm" variant="outline" onClick={() => stop(r.simulationId)} data-testid="stop-run">
                <SquareIcon aria-hidden /> Stop
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
