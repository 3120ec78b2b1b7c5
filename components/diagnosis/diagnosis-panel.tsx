"use client";

import * as React from "react";
import { experimental_useObject as useObject } from "@ai-sdk/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { History, Sparkles, Square } from "lucide-react";
import { z } from "zod";
import { toast } from "sonner";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { Button } from "@/components/ui/button";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import type { SavedDiagnosis } from "@/lib/diagnosis";
import { diagnosisMetaSchema, diagnosisSchema } from "@/lib/diagnosis/shared";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { DiagnosisMetaLine, DiagnosisView, providerName, RunProgress, type PartialDiagnosis } from "./diagnosis-view";

/** The stream's envelope, loosely: drafts are partial by nature; the final result is checked on its own. */
const streamSchema = z.object({
  runs: z.array(z.object({ provider: z.string(), model: z.string(), draft: z.unknown().optional(), outcome: z.string().optional(), reason: z.string().optional() })),
  result: z.unknown().optional(),
  error: z.string().optional(),
});
const resultSchema = z.object({ diagnosis: diagnosisSchema, meta: diagnosisMetaSchema });

type StreamRun = { provider?: string; model?: string; draft?: unknown; outcome?: string; reason?: string };

/**
 * The incident's AI diagnosis: a Diagnose button that streams the answer into place (summary first,
 * then each hypothesis), which provider answered and why earlier ones were skipped, and the history
 * of earlier diagnoses. Saved diagnoses reach everyone through the realtime invalidation of
 * `queryKeys.incidentDiagnoses`.
 */
export function DiagnosisPanel({ workspaceSlug, incidentId, canRun }: { workspaceSlug: string; incidentId: string; canRun: boolean }) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const historyKey = queryKeys.incidentDiagnoses(workspaceSlug, incidentId);
  const history = useQuery({
    queryKey: historyKey,
    queryFn: ({ signal }) => fetchJson<SavedDiagnosis[]>(workspaceUrl(workspaceSlug, "incidents", incidentId, "diagnoses"), { signal }),
  });
  const [selectedId, setSelectedId] = React.useState<string | null>(null);
  const [showHistory, setShowHistory] = React.useState(false);

  const { object, submit, isLoading, stop, error } = useObject({
    api: workspaceUrl(workspaceSlug, "incidents", incidentId, "diagnosis"),
    schema: streamSchema,
    onFinish: ({ object: done }) => {
      if (done?.error) toast.error(done.error);
      setSelectedId(null);
      void queryClient.invalidateQueries({ queryKey: historyKey });
    },
    onError: () => toast.error("The diagnosis could not be run. Try again in a moment."),
  });

  const runs = ((object?.runs ?? []) as (StreamRun | undefined)[]).filter((r): r is StreamRun => !!r);
  const finished = resultSchema.safeParse(object?.result);
  const streamingDraft = [...runs].reverse().find((r) => r.outcome !== "skipped" && r.draft)?.draft as PartialDiagnosis | undefined;
  const saved = history.data ?? [];
  const selected = selectedId ? saved.find((d) => d.meta.id === selectedId) : undefined;

  // What to show: the stream while it runs (or its result), else the chosen or latest saved diagnosis.
  let view: { diagnosis: PartialDiagnosis; meta?: SavedDiagnosis["meta"]; streaming: boolean } | null = null;
  if (selected) view = { diagnosis: selected.diagnosis, meta: selected.meta, streaming: false };
  else if (isLoading) view = { diagnosis: streamingDraft ?? {}, streaming: true };
  else if (finished.success) view = { diagnosis: finished.data.diagnosis, meta: finished.data.meta, streaming: false };
  else if (saved[0]) view = { diagnosis: saved[0].diagnosis, meta: saved[0].meta, streaming: false };

  const state = isLoading ? "streaming" : view ? "done" : "idle";
  const earlier = saved.filter((d) => d.meta.id !== (view?.meta?.id ?? saved[0]?.meta.id));

  return (
    <section
      className="bg-card text-card-foreground rounded-xl border shadow-xs"
      data-testid="diagnosis-panel"
      data-state={state}
      data-hydrated={hydrated ? "true" : undefined}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-3">
        <div>
          <h2 className="flex items-center gap-1.5 text-sm font-semibold">
            <Sparkles className="size-4" /> AI diagnosis
          </h2>
          <p className="text-muted-foreground text-xs">Groq, then Gemini, then the offline engine — from this incident&apos;s events, metrics and changes.</p>
        </div>
        <div className="flex items-center gap-2">
          {isLoading && (
            <Button size="sm" variant="ghost" onClick={() => stop()}>
              <Square /> Stop
            </Button>
          )}
          <Button
            size="sm"
            data-testid="diagnose-button"
            disabled={!hydrated || !canRun || isLoading}
            title={canRun ? undefined : "Your role cannot run diagnoses"}
            onClick={() => {
              setSelectedId(null);
              submit({});
            }}
          >
            <Sparkles /> {isLoading ? "Diagnosing…" : saved.length || finished.success ? "Diagnose again" : "Diagnose"}
          </Button>
        </div>
      </header>
      <div className="space-y-4 p-4">
        {isLoading && runs.length > 0 && <RunProgress runs={runs} />}
        {view ? (
          <DiagnosisView diagnosis={view.diagnosis} streaming={view.streaming} />
        ) : (
          <p className="text-muted-foreground text-sm" data-testid="diagnosis-empty">
            {history.isPending ? "Loading diagnoses…" : "No diagnosis yet. Diagnose reads the events, metrics, deploys and flags attached to this incident."}
          </p>
        )}
        {error && !isLoading && <p className="text-destructive text-sm">The last run failed: {error.message}</p>}
        {view?.meta && <DiagnosisMetaLine meta={view.meta} />}
        {selected && (
          <Button size="sm" variant="link" className="h-auto p-0" onClick={() => setSelectedId(null)}>
            Back to the latest diagnosis
          </Button>
        )}
        {earlier.length > 0 && (
          <div className="border-t pt-3">
            <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => setShowHistory((v) => !v)} data-testid="diagnosis-history-toggle">
              <History /> Earlier diagnoses ({earlier.length})
            </Button>
            {showHistory && (
              <ul className="mt-2 space-y-1" data-testid="diagnosis-history">
                {earlier.map((d) => (
                  <li key={d.meta.id}>
                    <button
                      type="button"
                      onClick={() => setSelectedId(d.meta.id ?? null)}
                      className={cn(
                        "hover:bg-accent w-full rounded-md px-2 py-1 text-left text-xs",
                        selectedId === d.meta.id && "bg-accent",
                      )}
                    >
                      <span className="tabular-nums">{d.meta.created_at ? new Date(d.meta.created_at).toLocaleString() : ""}</span>
                      {" · "}
                      {providerName(d.meta.provider)} · {d.diagnosis.severity} · {d.diagnosis.category}
                      {d.diagnosis.hypotheses[0] ? ` · ${d.diagnosis.hypotheses[0].title}` : " · abstained"}
                      {d.requestedBy ? ` · by ${d.requestedBy}` : ""}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
