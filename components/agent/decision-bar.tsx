"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { CheckIcon, Loader2Icon, RotateCcwIcon, XIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { approvePlanAction } from "@/lib/actions/agent/approve-plan";
import { rejectPlanAction } from "@/lib/actions/agent/reject-plan";
import { rollbackPlanAction } from "@/lib/actions/agent/rollback-plan";
import type { IncidentAgentPanel } from "@/lib/agent";
import type { PlanView } from "@/lib/agent/shared";
import { queryKeys } from "@/lib/query-keys";

/** Who is looking, and whether the plan's drill still runs (nothing can be executed or rolled back in an ended one). */
export type Decider = { canApprove: boolean; isAdmin: boolean; worldAvailable?: boolean };

/**
 * Approve / reject (with an optional comment) for a plan awaiting approval, and rollback for an
 * executed one. Only people whose role may approve see the buttons; the server decides anyway.
 */
export function DecisionBar({ plan, workspaceSlug, decider }: { plan: PlanView; workspaceSlug: string; decider: Decider }) {
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const [comment, setComment] = React.useState("");
  const [pending, setPending] = React.useState<null | "approve" | "reject" | "rollback">(null);
  const awaiting = plan.status === "awaiting_approval";
  const worldAvailable = decider.worldAvailable !== false;
  const rollbackable = worldAvailable && (plan.status === "succeeded" || plan.status === "failed") && plan.steps.some((s) => s.status === "done" && s.reversible);
  if (!awaiting && !rollbackable) return null;
  if (!decider.canApprove) {
    return (
      <p className="text-muted-foreground text-xs" data-testid="plan-read-only">
        Only responders and admins can {awaiting ? "approve or reject this plan" : "roll back this plan"}.
      </p>
    );
  }
  const vetoed = plan.requiresAdmin && !decider.isAdmin;
  const blockedReason = !worldAvailable ? "The drill has ended: there is nothing left to act on." : vetoed ? "A policy veto applies: an admin must approve this plan." : null;

  async function run(kind: "approve" | "reject" | "rollback") {
    setPending(kind);
    try {
      const input = comment.trim() ? { comment: comment.trim() } : {};
      const action = kind === "approve" ? approvePlanAction : kind === "reject" ? rejectPlanAction : rollbackPlanAction;
      const result = await action(workspaceSlug, plan.id, input);
      if (!result.ok) toast.error(result.error);
      else {
        // Show what the server answered at once (the steps it ran, "verifying"); the refetch below follows.
        const updated = result.data;
        if (plan.incidentId) {
          queryClient.setQueryData<IncidentAgentPanel>(queryKeys.incidentAgent(workspaceSlug, plan.incidentId), (old) =>
            old ? { ...old, plans: old.plans.map((p) => (p.id === updated.id ? updated : p)) } : old,
          );
        }
        toast.success(kind === "approve" ? "Approved: the agent is executing the plan." : kind === "reject" ? "Plan rejected." : "Rolled back.");
        setComment("");
      }
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.agent(workspaceSlug) });
      if (plan.incidentId) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.incidentAgent(workspaceSlug, plan.incidentId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.incidentTimeline(workspaceSlug, plan.incidentId) });
      }
    }
  }

  return (
    <div className="flex flex-col gap-2 border-t pt-3 sm:flex-row sm:items-center" data-testid="plan-decision">
      <Input
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="Comment (optional)"
        aria-label="Comment"
        maxLength={1000}
        className="h-8 text-sm sm:max-w-xs"
        data-testid="plan-comment"
      />
      <div className="flex flex-wrap gap-2">
        {awaiting && (
          <>
            <Button
              size="sm"
              onClick={() => run("approve")}
              disabled={!hydrated || pending !== null || !!blockedReason}
              title={blockedReason ?? undefined}
              data-testid="plan-approve"
            >
              {pending === "approve" ? <Loader2Icon className="animate-spin" /> : <CheckIcon />} Approve
            </Button>
            <Button size="sm" variant="outline" onClick={() => run("reject")} disabled={!hydrated || pending !== null} data-testid="plan-reject">
              {pending === "reject" ? <Loader2Icon className="animate-spin" /> : <XIcon />} Reject
            </Button>
          </>
        )}
        {rollbackable && (
          <Button size="sm" variant="outline" onClick={() => run("rollback")} disabled={!hydrated || pending !== null} data-testid="plan-rollback">
            {pending === "rollback" ? <Loader2Icon className="animate-spin" /> : <RotateCcwIcon />} Roll back
          </Button>
        )}
      </div>
      {blockedReason && <p className="text-xs text-red-700 dark:text-red-400">{blockedReason}</p>}
    </div>
  );
}
