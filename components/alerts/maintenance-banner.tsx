"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { WrenchIcon } from "lucide-react";
import { LocalTime } from "@/components/incidents/local-time";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import type { MaintenanceWindowView } from "@/lib/alerts/shared";

/** The board's notice of active maintenance windows (nothing when none is active). */
export function MaintenanceBanner({ workspaceSlug, basePath = "" }: { workspaceSlug: string; basePath?: string }) {
  const { data } = useQuery({
    queryKey: queryKeys.maintenance(workspaceSlug, "active"),
    queryFn: ({ signal }) => fetchJson<MaintenanceWindowView[]>(`${workspaceUrl(workspaceSlug, "alerts", "maintenance")}?active=1`, { signal }),
    retry: retryUnless4xx,
    refetchInterval: 60_000,
  });
  if (!data || data.length === 0) return null;
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm" role="status" data-testid="maintenance-banner">
      {data.map((w) => (
        <div key={w.id} className="flex flex-wrap items-center gap-2">
          <WrenchIcon className="size-4 text-amber-600" aria-hidden />
          <span className="font-medium">Maintenance: {w.services.length ? w.services.join(", ") : "all services"}</span>
          <span className="text-muted-foreground">
            {w.reason} · until {w.activeNow && <LocalTime iso={w.activeNow.end} />} · events are recorded, no incident opens
          </span>
          <Link href={`${basePath}/settings/maintenance`} className="ml-auto text-xs underline-offset-2 hover:underline">
            Manage
          </Link>
        </div>
      ))}
    </div>
  );
}
