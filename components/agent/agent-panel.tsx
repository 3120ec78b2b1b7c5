"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BotIcon, HistoryIcon, Loader2Icon, PlugZapIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { requestPlanAction } from "@/lib/actions/agent/request-plan";
import type { IncidentAgentPanel } from "@/lib/agent";
import { activePlanStatuses, type PlanView } from "@/lib/agent/shared";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { ActionPicker } from "./action-picker";
import { DecisionBar, type Decider } from "./decision-bar";
import { PlanCard } from "./plan-card";
import { PlanStatusBadge, statusLabels } from "./plan-status";

const modeText = {
  manual: { label: "Manual", help: "Every plan waits for a person's approval." },
  automated: { label: "Automated", help: "Low-risk, reversible plans run by themselves (simulated world only); anything else waits for approval." },
  advisory: { label: "Advisory", help: "The agent plans and explains; people carry out the steps." },
} as const;

/**
 * The SRE agent on an incident: ask for a plan (or pick one action), see it — steps with risk, blast
 * radius, rollback and dry run, the what-if forecast, what was dropped — approve or reject it, watch
 * the steps land and the checks turn green, roll it back. Live for everyone through `agent.step`.
 */
export function AgentPanel({
  workspaceSlug,
  incidentId,
  service,
  canPlan,
  decider,
}: {
  workspaceSlug: string;
  incidentId: string;
  service: string;
  canPlan: boolean;
  decider: Decider;
}) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const key = queryKeys.incidentAgent(workspaceSlug, incidentId);
  const { data, isPending, error } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<IncidentAgentPanel>(workspaceUrl(workspaceSlug, "incidents", incidentId, "agent"), { signal }),
    retry: retryUnless4xx,
    // Realtime refreshes it; while a plan is moving, a slow poll covers a missed event.
    refetchInterval: (q) => {
      const plans = q.state.data?.plans ?? [];
      if (plans.some((p) => p.status === "planning" || p.status === "executing" || p.status === "verifying")) return 3_000;
      return plans.some((p) => p.status === "awaiting_approval") ? 30_000 : false;
    },
  });
  const [planning, setPlanning] = React.useState(false);
  const [showEarlier, setShowEarlier] = React.useState(false);

  const plans = data?.plans ?? [];
  const latest = plans[0];
  const earlier = plans.slice(1);
  const busy = latest && (activePlanStatuses as readonly string[]).includes(latest.status) && latest.status !== "awaiting_approval";

  async function plan() {
    setPlanning(true);
    try {
      const r = await requestPlanAction(workspaceSlug, incidentId, {});
      if (!r.ok) toast.error(r.error);
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPlanning(false);
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: queryKeys.incidentDiagnoses(workspaceSlug, incidentId) });
    }
  }

  // The incident's own mode; a real incident is advisory whatever it says (no connector acts on real systems).
  const mode = data ? modeText[data.world === "real" ? "advisory" : data.incidentMode] : null;
  const decide: Decider = { ...decider, worldAvailable: !!data?.canExecute };
  return (
    <section
      className="bg-card text-card-foreground rounded-xl border shadow-xs"
      data-testid="agent-panel"
      data-hydrated={hydrated ? "true" : undefined}
      data-state={latest?.status ?? (isPending ? "loading" : "idle")}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-3">
        <div className="min-w-0">
          <h2 className="flex items-center gap-1.5 text-sm font-semibold">
            <BotIcon className="size-4" aria-hidden /> SRE agent
            {mode && (
              <Badge variant="outline" className="ml-1 text-[11px]" title={mode.help} data-testid="agent-mode">
                {mode.label}
              </Badge>
            )}
          </h2>
          <p className="text-muted-foreground text-xs">Plans from the action catalog only; a person approves, the agent acts, then verifies against the world.</p>
        </div>
        {canPlan && data?.open && (
          <div className="flex flex-wrap items-center gap-2">
            {data.canExecute && (
              <ActionPicker workspaceSlug={workspaceSlug} incidentId={incidentId} service={service} targets={data.targets} flags={data.flags} blocked={data.blockedActions} />
            )}
            <Button size="sm" onClick={plan} disabled={!hydrated || planning || !!busy} data-testid="agent-plan">
              {planning ? <Loader2Icon className="animate-spin" /> : <BotIcon />}
              {planning ? "Planning…" : latest ? "Plan again" : "Plan remediation"}
            </Button>
          </div>
        )}
      </header>
      <div className="space-y-4 p-4">
        {data && !data.canExecute && data.notice && (
          <p className="flex items-start gap-2 rounded-md border px-3 py-2 text-xs" data-testid={data.world === "real" ? "agent-no-connector" : "agent-no-world"}>
            <PlugZapIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            {data.notice}
          </p>
        )}
        {error && <p className="text-destructive text-sm">The agent&apos;s plans could not be loaded: {error.message}</p>}
        {latest ? (
          <PlanCard plan={latest} actions={<DecisionBar plan={latest} workspaceSlug={workspaceSlug} decider={decide} />} />
        ) : (
          <p className="text-muted-foreground text-sm" data-testid="agent-empty">
            {isPending
              ? "Loading plans…"
              : data?.open === false
                ? "This incident is closed for remediation: reopen it to plan."
                : "No plan yet. The agent reads the latest diagnosis (running one if needed) and proposes actions from its catalog, each with its risk, blast radius, rollback and a forecast."}
          </p>
        )}
        {earlier.length > 0 && (
          <div className="border-t pt-3">
            <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => setShowEarlier((v) => !v)} data-testid="agent-history-toggle">
              <HistoryIcon /> Earlier plans ({earlier.length})
            </Button>
            {showEarlier && (
              <ul className="mt-2 space-y-3" data-testid="agent-history">
                {earlier.map((p) => (
                  <EarlierPlan key={p.id} plan={p} workspaceSlug={workspaceSlug} decider={decide} />
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function EarlierPlan({ plan, workspaceSlug, decider }: { plan: PlanView; workspaceSlug: string; decider: Decider }) {
  const [open, setOpen] = React.useState(false);
  return (
    <li className="rounded-lg border">
      <button type="button" onClick={() => setOpen((v) => !v)} className={cn("hover:bg-accent flex w-full flex-wrap items-center gap-2 rounded-lg px-3 py-2 text-left text-xs", open && "bg-accent/50")}>
        <PlanStatusBadge status={plan.status} />
        <span className="min-w-0 flex-1 truncate">{plan.summary || statusLabels[plan.status]}</span>
        <span className="text-muted-foreground tabular-nums">{new Date(plan.createdAt).toLocaleString()}</span>
      </button>
      {open && (
        <div className="border-t p-3">
          <PlanCard plan={plan} compact actions={<DecisionBar plan={plan} workspaceSlug={workspaceSlug} decider={decider} />} />
        </div>
      )}
    </li>
  );
}
