"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { CrownIcon } from "lucide-react";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";

const BoardWorkspace = React.createContext<string | null>(null);

/** Lets the board's cards show their incident lead (one request for the whole board). */
export function CardLeadProvider({ workspaceSlug, children }: { workspaceSlug: string; children: React.ReactNode }) {
  return <BoardWorkspace.Provider value={workspaceSlug}>{children}</BoardWorkspace.Provider>;
}

/** The incident lead of each open incident, by incident id. */
export function useIncidentLeads(workspaceSlug: string | null) {
  return useQuery({
    queryKey: [...queryKeys.board(workspaceSlug ?? "-"), "leads"],
    queryFn: ({ signal }) => fetchJson<Record<string, string>>(workspaceUrl(workspaceSlug!, "oncall", "leads"), { signal }),
    enabled: !!workspaceSlug,
    retry: retryUnless4xx,
    staleTime: 10_000,
  });
}

/** The card's lead ("Lead: Ana"), or nothing. */
export function CardLead({ incidentId }: { incidentId: string }) {
  const slug = React.useContext(BoardWorkspace);
  const { data } = useIncidentLeads(slug);
  const name = data?.[incidentId];
  if (!name) return null;
  return (
    <span className="flex min-w-0 items-center gap-1" title="Incident lead" data-testid="card-lead">
      <CrownIcon className="size-3 shrink-0" />
      <span className="truncate">{name}</span>
    </span>
  );
}
