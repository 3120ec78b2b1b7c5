import { CheckIcon, CircleDotIcon, Loader2Icon, XIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { PlanStatus, RiskLevel } from "@/lib/agent/shared";
import { cn } from "@/lib/utils";

export const statusLabels: Record<PlanStatus, string> = {
  planning: "Planning",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
  advisory: "Advisory",
  executing: "Executing",
  verifying: "Verifying",
  succeeded: "Succeeded",
  failed: "Failed",
  rolled_back: "Rolled back",
};

const statusClasses: Record<PlanStatus, string> = {
  planning: "border-sky-500/40 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  awaiting_approval: "border-amber-500/50 bg-amber-500/10 text-amber-800 dark:text-amber-300",
  approved: "border-sky-500/40 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  rejected: "border-zinc-500/40 bg-zinc-500/10 text-zinc-700 dark:text-zinc-300",
  expired: "border-zinc-500/40 bg-zinc-500/10 text-zinc-700 dark:text-zinc-300",
  advisory: "border-violet-500/40 bg-violet-500/10 text-violet-800 dark:text-violet-300",
  executing: "border-sky-500/40 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  verifying: "border-sky-500/40 bg-sky-500/10 text-sky-800 dark:text-sky-300",
  succeeded: "border-emerald-500/40 bg-emerald-500/10 text-emerald-800 dark:text-emerald-300",
  failed: "border-red-500/40 bg-red-500/10 text-red-800 dark:text-red-300",
  rolled_back: "border-zinc-500/40 bg-zinc-500/10 text-zinc-700 dark:text-zinc-300",
};

const busy: PlanStatus[] = ["planning", "executing", "verifying"];

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return (
    <Badge variant="outline" className={statusClasses[status]} data-testid="plan-status" data-status={status}>
      {busy.includes(status) && <Loader2Icon className="animate-spin" aria-hidden />}
      {statusLabels[status]}
    </Badge>
  );
}

export const riskClasses: Record<RiskLevel, string> = {
  low: "border-emerald-500/40 text-emerald-700 dark:text-emerald-400",
  medium: "border-amber-500/40 text-amber-700 dark:text-amber-400",
  high: "border-orange-500/50 text-orange-700 dark:text-orange-400",
  critical: "border-red-500/50 bg-red-500/10 text-red-700 dark:text-red-400",
};

export function RiskBadge({ level, score }: { level: RiskLevel; score?: number }) {
  return (
    <Badge variant="outline" className={riskClasses[level]} data-testid="risk-badge">
      {level} risk{score !== undefined ? ` · ${score.toFixed(2)}` : ""}
    </Badge>
  );
}

const path: PlanStatus[] = ["planning", "awaiting_approval", "approved", "executing", "verifying", "succeeded"];

/**
 * The workflow as a line of stages, the current one marked: planning → awaiting approval → approved →
 * executing → verifying → succeeded (or the branch the plan took: rejected, expired, failed, rolled back).
 */
export function PlanStepper({ status }: { status: PlanStatus }) {
  if (status === "advisory") return null;
  const branch: Partial<Record<PlanStatus, { at: PlanStatus; label: string }>> = {
    rejected: { at: "approved", label: "Rejected" },
    expired: { at: "approved", label: "Expired" },
    failed: { at: "succeeded", label: "Failed" },
    rolled_back: { at: "succeeded", label: "Rolled back" },
  };
  const b = branch[status];
  const currentIndex = b ? path.indexOf(b.at) : path.indexOf(status);
  return (
    <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-[11px]" aria-label="Plan progress" data-testid="plan-stepper">
      {path.map((stage, i) => {
        const done = i < currentIndex || (i === currentIndex && status === "succeeded");
        const here = i === currentIndex;
        const label = here && b ? b.label : statusLabels[stage];
        const bad = here && b;
        return (
          <li key={stage} className="flex items-center gap-1">
            {i > 0 && <span className="bg-border h-px w-2 sm:w-3" aria-hidden />}
            <span
              className={cn(
                "inline-flex items-center gap-1 rounded-full border px-1.5 py-0.5",
                done && "border-emerald-500/40 text-emerald-700 dark:text-emerald-400",
                here && !done && !bad && "border-sky-500/50 bg-sky-500/10 font-medium text-sky-800 dark:text-sky-300",
                bad && "border-red-500/40 bg-red-500/10 font-medium text-red-700 dark:text-red-300",
                !done && !here && "text-muted-foreground border-dashed",
              )}
              aria-current={here ? "step" : undefined}
            >
              {done ? <CheckIcon className="size-3" aria-hidden /> : bad ? <XIcon className="size-3" aria-hidden /> : here ? <CircleDotIcon className="size-3" aria-hidden /> : null}
              {label}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
