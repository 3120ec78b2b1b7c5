"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import type { IncidentOncallView } from "@/lib/oncall/shared";
import { queryKeys } from "@/lib/query-keys";

/** Roles, tasks and escalation of an incident; realtime (`oncall.updated`) refreshes it. */
export function useIncidentOncall(workspaceSlug: string, incidentId: string) {
  return useQuery({
    queryKey: queryKeys.incidentOncall(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<IncidentOncallView>(workspaceUrl(workspaceSlug, "incidents", incidentId, "oncall"), { signal }),
    retry: retryUnless4xx,
    // The engine pages on its own clock: a slow poll shows the next level without a realtime event.
    refetchInterval: (q) => (q.state.data?.escalation && ["paging", "waiting"].includes(q.state.data.escalation.status) ? 15_000 : false),
  });
}
