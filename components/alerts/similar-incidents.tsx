"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";

type Similar = {
  id: string;
  number: number;
  title: string;
  service: string;
  status: string;
  resolvedAt: string | null;
  reasons: ("fingerprint" | "service" | "text")[];
  rootCause: string | null;
};

const reasonLabel = { fingerprint: "same alert", service: "same service", text: "similar text" } as const;

/** On an incident's page: the most similar past incidents, with their root cause when diagnosed. */
export function SimilarIncidents({ workspaceSlug, incidentId, basePath = "" }: { workspaceSlug: string; incidentId: string; basePath?: string }) {
  const { data } = useQuery({
    queryKey: queryKeys.similarIncidents(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<Similar[]>(workspaceUrl(workspaceSlug, "incidents", incidentId, "similar"), { signal }),
    retry: retryUnless4xx,
    staleTime: 5 * 60_000,
  });
  if (!data || data.length === 0) return null;
  return (
    <section className="bg-card space-y-2 rounded-xl border p-4" data-testid="similar-incidents">
      <h2 className="text-sm font-semibold">Similar past incidents</h2>
      <ul className="space-y-2">
        {data.map((s) => (
          <li key={s.id} className="text-sm" data-testid="similar-incident">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`${basePath}/incidents/${s.id}`} className="font-mono text-xs underline-offset-2 hover:underline">
                INC-{s.number}
              </Link>
              <Link href={`${basePath}/incidents/${s.id}`} className="min-w-0 flex-1 truncate hover:underline">
                {s.title}
              </Link>
              {s.reasons.map((r) => (
                <Badge key={r} variant="outline" className="text-xs">
                  {reasonLabel[r]}
                </Badge>
              ))}
            </div>
            {s.rootCause && <p className="text-muted-foreground mt-0.5 text-xs">Root cause: {s.rootCause}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
