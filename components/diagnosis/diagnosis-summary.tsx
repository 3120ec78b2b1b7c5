"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, SparklesIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import type { SavedDiagnosis } from "@/lib/diagnosis";
import { queryKeys } from "@/lib/query-keys";
import { providerName } from "./diagnosis-view";

const pct = (n: number) => `${Math.round(n * 100)}%`;

/**
 * The latest diagnosis in three lines for the incident's first screen: the summary, the top
 * hypothesis with its confidence, and the first recommended action. It reads the same react-query
 * entry as the DiagnosisPanel, so a new diagnosis (or someone else's, through realtime) shows here too.
 */
export function DiagnosisSummary({ workspaceSlug, incidentId }: { workspaceSlug: string; incidentId: string }) {
  const history = useQuery({
    queryKey: queryKeys.incidentDiagnoses(workspaceSlug, incidentId),
    queryFn: ({ signal }) => fetchJson<SavedDiagnosis[]>(workspaceUrl(workspaceSlug, "incidents", incidentId, "diagnoses"), { signal }),
  });
  const latest = history.data?.[0];
  if (history.isPending) {
    return (
      <div className="space-y-2" data-testid="diagnosis-summary-card" data-state="loading">
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  }
  if (!latest) {
    return (
      <div className="text-muted-foreground text-sm" data-testid="diagnosis-summary-card" data-state="empty">
        No diagnosis yet.{" "}
        <a href="#diagnosis" className="text-foreground font-medium underline-offset-4 hover:underline">
          Run one
        </a>{" "}
        to read this incident&apos;s events, metrics and changes.
      </div>
    );
  }
  const { diagnosis, meta } = latest;
  const top = diagnosis.hypotheses[0];
  const action = diagnosis.recommended_actions[0];
  return (
    <div className="space-y-2.5" data-testid="diagnosis-summary-card" data-state="done">
      <p className="text-sm leading-relaxed" data-testid="overview-diagnosis-summary">
        {diagnosis.summary}
      </p>
      {top ? (
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm" data-testid="overview-top-hypothesis">
          <span className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Top hypothesis</span>
          <span className="font-medium">{top.title}</span>
          <Badge variant="outline" className="tabular-nums">
            {pct(top.confidence)}
          </Badge>
        </div>
      ) : (
        <p className="text-muted-foreground text-sm">No cause is claimed: no signal supports one yet.</p>
      )}
      {action && (
        <div className="flex items-start gap-2 text-sm" data-testid="overview-next-action">
          <ArrowRightIcon className="text-primary mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <span className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Suggested next action </span>
            {action.step}
          </span>
        </div>
      )}
      <p className="text-muted-foreground flex items-center gap-1 text-xs">
        <SparklesIcon className="size-3" aria-hidden />
        {providerName(meta.provider)}
        {meta.created_at ? ` · ${new Date(meta.created_at).toLocaleString()}` : ""}
        {" · "}
        <a href="#diagnosis" className="hover:text-foreground underline-offset-4 hover:underline">
          full diagnosis and history
        </a>
      </p>
    </div>
  );
}
