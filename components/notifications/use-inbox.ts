"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import type { InboxView } from "@/lib/notifications/shared";
import { queryKeys } from "@/lib/query-keys";

/** The signed-in member's inbox; realtime (`notification.created`) keeps it live, a slow poll covers a missed event. */
export function useInbox(workspaceSlug: string) {
  return useQuery({
    queryKey: queryKeys.notifications(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<InboxView>(workspaceUrl(workspaceSlug, "notifications"), { signal }),
    retry: retryUnless4xx,
    refetchInterval: 30_000,
  });
}
