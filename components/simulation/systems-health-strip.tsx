"use client";

import { useQuery } from "@tanstack/react-query";
import { ActivityIcon } from "lucide-react";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import type { SystemHealth } from "@/lib/simulation";

/** How often the strip refreshes (realtime "simulation.updated" events refresh it sooner). */
const POLL_MS = 2_000;

function tone(health: number, threshold: number): string {
  if (health < threshold) return "border-red-500/50 bg-red-500/10 text-red-700 dark:text-red-300";
  if (health < threshold + 15) return "border-amber-500/50 bg-amber-500/10 text-amber-700 dark:text-amber-300";
  return "border-emerald-500/40 bg-emerald-500/5 text-emerald-700 dark:text-emerald-300";
}

/**
 * Health (%) per system of the workspace's simulated world, against the threshold below which
 * checks open incidents. Live: polled, and refreshed by the realtime provider on simulation events.
 */
export function SystemsHealthStrip({ workspaceSlug }: { workspaceSlug: string }) {
  const { data, isError } = useQuery({
    queryKey: queryKeys.systemsHealth(workspaceSlug),
    // A GET (not a server action): polling must not queue behind the user's own actions.
    queryFn: ({ signal }) => fetchJson<{ threshold: number; systems: SystemHealth[] }>(workspaceUrl(workspaceSlug, "systems"), { signal }),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  if (isError || !data) return <div className="h-8" aria-hidden data-testid="systems-health-loading" />;
  const failing = data.systems.filter((s) => !s.healthy);
  return (
    <section aria-label="Systems health" data-testid="systems-health-strip" className="flex items-center gap-2 overflow-x-auto pb-1">
      <span className="text-muted-foreground flex shrink-0 items-center gap-1 text-xs font-medium">
        <ActivityIcon className="size-3.5" aria-hidden />
        Systems
        <span className="tabular-nums">· {failing.length ? `${failing.length} below ${data.threshold}%` : `all ≥ ${data.threshold}%`}</span>
      </span>
      <ul className="flex gap-1.5">
        {data.systems.map((s) => (
          <li key={s.system}>
            <Tooltip>
              <TooltipTrigger asChild>
                <span
                  data-testid={`system-health-${s.system}`}
                  data-healthy={s.healthy}
                  data-health={s.health}
                  className={cn("inline-flex shrink-0 items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs whitespace-nowrap", tone(s.health, data.threshold))}
                >
                  <span className="font-medium">{s.system}</span>
                  <span className="tabular-nums">{Math.round(s.health)}%</span>
                </span>
              </TooltipTrigger>
              <TooltipContent>
                <p className="font-medium">
                  {s.system} · {s.team} · tier {s.tier}
                </p>
                <p>
                  {s.health.toFixed(1)}% — {s.detail}
                </p>
                <p className="opacity-80">
                  Threshold {data.threshold}%{s.simulations.length ? ` · affected by ${s.simulations.map((x) => x.scenario_id).join(", ")}` : ""}
                </p>
              </TooltipContent>
            </Tooltip>
          </li>
        ))}
      </ul>
    </section>
  );
}
