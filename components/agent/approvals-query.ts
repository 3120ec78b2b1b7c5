"use client";

import { useQuery } from "@tanstack/react-query";
import type { ApprovalsInbox } from "@/lib/agent";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";

/** Plans awaiting approval in the workspace, oldest first: the inbox and the nav badge share it. */
export function useApprovals(workspaceSlug: string, initialData?: ApprovalsInbox) {
  return useQuery({
    queryKey: queryKeys.agentPlans(workspaceSlug, "awaiting"),
    queryFn: ({ signal }) => fetchJson<ApprovalsInbox>(workspaceUrl(workspaceSlug, "agent", "approvals"), { signal }),
    initialData,
    retry: retryUnless4xx,
    // Realtime (`agent.step`) keeps it current; the poll catches expiries and a missed event.
    refetchInterval: 30_000,
  });
}
