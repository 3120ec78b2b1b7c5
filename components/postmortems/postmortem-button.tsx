"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FileTextIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { postmortemStatusLabels, type PostmortemView } from "@/lib/postmortems/shared";
import { queryKeys } from "@/lib/query-keys";

/** On a resolved incident: "Write post-mortem", or the report's status and a link once it exists. */
export function PostmortemButton({ workspaceSlug, incidentId, status, basePath }: { workspaceSlug: string; incidentId: string; status: string; basePath: string }) {
  const resolved = status === "resolved" || status === "closed";
  const { data } = useQuery({
    queryKey: queryKeys.incidentPostmortem(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<{ postmortem: PostmortemView | null }>(workspaceUrl(workspaceSlug, "incidents", incidentId, "postmortem"), { signal }),
    retry: retryUnless4xx,
    enabled: resolved,
  });
  if (!resolved) return null;
  const pm = data?.postmortem;
  return (
    <Button asChild size="sm" variant={pm ? "outline" : "default"}>
      <Link href={`${basePath}/incidents/${incidentId}/postmortem`} data-testid="postmortem-link">
        <FileTextIcon />
        {pm ? `Post-mortem (${postmortemStatusLabels[pm.status].toLowerCase()})` : "Write post-mortem"}
      </Link>
    </Button>
  );
}
