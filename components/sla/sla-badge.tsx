"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import type { SlaAlertView } from "@/lib/sla/shared";
import { cn } from "@/lib/utils";

const SlaAlertsContext = React.createContext<Map<string, SlaAlertView> | null>(null);

/**
 * Loads the workspace's SLA alerts once (the watcher's crossings on open incidents) for every card
 * below it; realtime `sla.crossed` refetches it, and a slow poll catches a missed event.
 */
export function SlaAlertsProvider({ workspaceSlug, children }: { workspaceSlug: string; children: React.ReactNode }) {
  const { data } = useQuery({
    queryKey: queryKeys.slaAlerts(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<{ alerts: SlaAlertView[] }>(workspaceUrl(workspaceSlug, "sla"), { signal }),
    retry: retryUnless4xx,
    refetchInterval: 60_000,
  });
  const map = React.useMemo(() => new Map((data?.alerts ?? []).map((a) => [a.incidentId, a])), [data]);
  return <SlaAlertsContext.Provider value={map}>{children}</SlaAlertsContext.Provider>;
}

/** Amber at 75 % of a target, red once breached; nothing while the incident is within its SLA. */
export function SlaBadge({ incidentId, className }: { incidentId: string; className?: string }) {
  const alerts = React.useContext(SlaAlertsContext);
  const alert = alerts?.get(incidentId);
  if (!alert) return null;
  const breach = alert.level === "breach";
  const label = `${alert.clock === "response" ? "Response" : "Resolution"} SLA ${breach ? "breached" : "at 75 %"}`;
  return (
    <span
      title={label}
      aria-label={label}
      data-testid={`sla-badge-${alert.level}`}
      className={cn(
        "rounded border px-1 text-[10px] font-semibold uppercase",
        breach ? "border-red-500/40 bg-red-500/10 text-red-700 dark:text-red-300" : "border-amber-500/40 bg-amber-500/10 text-amber-700 dark:text-amber-300",
        className,
      )}
    >
      SLA {breach ? "breach" : "75 %"}
    </span>
  );
}
