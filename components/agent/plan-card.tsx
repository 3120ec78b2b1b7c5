"use client";

import * as React from "react";
import { AlertTriangleIcon, ArrowRightIcon, BanIcon, CheckCircle2Icon, CircleIcon, Loader2Icon, RotateCcwIcon, Undo2Icon, XCircleIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { TimeAgo } from "@/components/incidents/time-ago";
import type { PlanView, StepView, WhatIfView } from "@/lib/agent/shared";
import { cn } from "@/lib/utils";
import { PlanStatusBadge, PlanStepper, RiskBadge } from "./plan-status";

const providerNames: Record<string, string> = { groq: "Groq", gemini: "Gemini", offline: "offline planner" };

function sourceLine(plan: PlanView): string {
  if (plan.source === "manual") return `Picked by ${plan.createdBy.name}`;
  const by = plan.provider ? `${providerNames[plan.provider] ?? plan.provider}${plan.model ? ` (${plan.model})` : ""}` : "the planner";
  return `${plan.source === "auto" ? "Planned after the diagnosis" : `Requested by ${plan.createdBy.name}`} · ${by}`;
}

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

function paramText(parameters: Record<string, string | number | boolean>): string {
  return Object.entries(parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" · ");
}

function StepIcon({ status }: { status: StepView["status"] }) {
  if (status === "done") return <CheckCircle2Icon className="size-4 text-emerald-600 dark:text-emerald-400" aria-label="done" />;
  if (status === "failed") return <XCircleIcon className="size-4 text-red-600 dark:text-red-400" aria-label="failed" />;
  if (status === "running") return <Loader2Icon className="size-4 animate-spin text-sky-600" aria-label="running" />;
  if (status === "rolled_back") return <Undo2Icon className="text-muted-foreground size-4" aria-label="rolled back" />;
  return <CircleIcon className="text-muted-foreground size-4" aria-label="pending" />;
}

function Step({ step, checklist }: { step: StepView; checklist: boolean }) {
  const [doneByHand, setDoneByHand] = React.useState(false);
  return (
    <li className="rounded-lg border p-3" data-testid="plan-step" data-status={step.status} data-action={step.action}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 items-start gap-2">
          {checklist ? (
            <Checkbox className="mt-0.5" checked={doneByHand} onCheckedChange={(v) => setDoneByHand(v === true)} aria-label={`Mark step ${step.index + 1} done by hand`} />
          ) : (
            <span className="mt-0.5">
              <StepIcon status={step.status} />
            </span>
          )}
          <div className="min-w-0">
            <p className={cn("text-sm font-medium", doneByHand && "text-muted-foreground line-through")}>
              {step.index + 1}. {step.label} <span className="bg-secondary rounded px-1 font-mono text-xs">{step.target}</span>
            </p>
            {Object.keys(step.parameters).length > 0 && <p className="text-muted-foreground mt-0.5 font-mono text-[11px] break-all">{paramText(step.parameters)}</p>}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-1">
          <RiskBadge level={step.risk.level} score={step.risk.score} />
          <Badge variant="outline" className="text-[11px]">
            {step.reversible ? "reversible" : "not reversible"}
          </Badge>
        </div>
      </div>
      {step.rationale && <p className="mt-2 text-xs leading-relaxed">{step.rationale}</p>}
      <dl className="text-muted-foreground mt-2 grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Expected</dt>
        <dd>{step.expectedEffect}</dd>
        <dt className="font-medium">Dry run</dt>
        <dd>
          {step.preview.summary}
          {step.preview.changes.length > 0 && (
            <ul className="mt-0.5 space-y-0.5">
              {step.preview.changes.map((c, i) => (
                <li key={i} className="flex flex-wrap items-center gap-1 font-mono text-[11px]">
                  {c.what}: {c.from} <ArrowRightIcon className="size-3" aria-label="becomes" /> {c.to}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="font-medium">Blast radius</dt>
        <dd className="flex flex-wrap gap-1" data-testid="blast-radius">
          {step.blastRadius.length ? (
            step.blastRadius.map((s) => (
              <span key={s} className="rounded border px-1 font-mono text-[11px]">
                {s}
              </span>
            ))
          ) : (
            <span>nothing depends on {step.target}</span>
          )}
        </dd>
        <dt className="font-medium">Rollback</dt>
        <dd>{step.rollback ? step.rollback.description : "none: this step cannot be undone"}</dd>
        {step.evidence.length > 0 && (
          <>
            <dt className="font-medium">Evidence</dt>
            <dd className="font-mono text-[11px] break-all">{step.evidence.join(", ")}</dd>
          </>
        )}
      </dl>
      {(step.output || step.error) && (
        <p
          className={cn("mt-2 rounded-md px-2 py-1 font-mono text-[11px]", step.error ? "bg-red-500/10 text-red-800 dark:text-red-300" : "bg-muted")}
          data-testid="plan-step-output"
        >
          {step.error ?? step.output}
          {step.durationMs !== null && <span className="text-muted-foreground"> · {step.durationMs} ms</span>}
        </p>
      )}
      {step.rollbackOutput && <p className="text-muted-foreground mt-1 font-mono text-[11px]">↩ {step.rollbackOutput}</p>}
    </li>
  );
}

function WhatIfTable({ rows }: { rows: WhatIfView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border" data-testid="what-if">
      <table className="w-full min-w-[34rem] text-xs">
        <thead className="bg-muted/50 text-muted-foreground text-left">
          <tr>
            <th className="px-2 py-1.5 font-medium">#</th>
            <th className="px-2 py-1.5 font-medium">Action</th>
            <th className="px-2 py-1.5 text-right font-medium">Success</th>
            <th className="px-2 py-1.5 text-right font-medium">Recovery (avg / worst)</th>
            <th className="px-2 py-1.5 text-right font-medium">Dependents recovered</th>
            <th className="px-2 py-1.5 text-right font-medium">Risk</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.action}@${r.target}`} className={cn("border-t", r.inPlan && "bg-sky-500/5")} data-testid="what-if-row" data-action={r.action}>
              <td className="px-2 py-1.5 tabular-nums">{r.rank}</td>
              <td className="px-2 py-1.5">
                {r.label} <span className="text-muted-foreground font-mono">{r.target}</span>
                {r.inPlan && (
                  <Badge variant="outline" className="ml-1 px-1 py-0 text-[10px]">
                    in plan
                  </Badge>
                )}
              </td>
              <td className={cn("px-2 py-1.5 text-right tabular-nums", r.successProbability >= 0.99 ? "text-emerald-700 dark:text-emerald-400" : r.successProbability === 0 ? "text-muted-foreground" : "")}>
                {Math.round(r.successProbability * 100)}%
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {duration(r.expectedRecoverySeconds)} / {r.worstRecoverySeconds === null && r.successProbability > 0 ? "not always" : duration(r.worstRecoverySeconds)}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{r.dependentsUnhealthy ? `${r.dependentsRecovered} of ${r.dependentsUnhealthy}` : "—"}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{r.riskScore.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One plan in full: its progress, steps (with dry run, risk, blast radius, rollback, output), checks, what-if and what was dropped. */
export function PlanCard({ plan, actions, compact = false, showWhatIf = !compact }: { plan: PlanView; actions?: React.ReactNode; compact?: boolean; showWhatIf?: boolean }) {
  const checklist = plan.status === "advisory";
  const executed = plan.steps.some((s) => s.status !== "pending");
  return (
    <article className="space-y-3" data-testid="plan-card" data-plan-id={plan.id} data-status={plan.status}>
      <div className="flex flex-wrap items-center gap-2">
        <PlanStatusBadge status={plan.status} />
        {plan.steps.length > 0 && <RiskBadge level={plan.riskLevel} />}
        {plan.requiresAdmin && (
          <Badge variant="outline" className="border-red-500/40 text-red-700 dark:text-red-400" title="A restart or failover of a stateful store: the workspace's policy needs an admin.">
            admin approval
          </Badge>
        )}
        <span className="text-muted-foreground text-xs">
          {sourceLine(plan)} · <TimeAgo date={plan.createdAt} style="long" />
          {plan.status === "awaiting_approval" && (
            <>
              {" "}
              · expires <TimeAgo date={plan.expiresAt} style="long" />
            </>
          )}
        </span>
      </div>
      {!compact && <PlanStepper status={plan.status} />}
      {plan.notice && (
        <p className="flex items-start gap-2 rounded-md border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-xs text-amber-900 dark:text-amber-200" data-testid="plan-notice">
          <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden /> {plan.notice}
        </p>
      )}
      {plan.summary && (
        <p className="text-sm leading-relaxed" data-testid="plan-summary">
          {plan.summary}
        </p>
      )}
      {plan.failureReason && (plan.status === "failed" || plan.status === "expired") && (
        <p className="rounded-md border border-red-500/30 bg-red-500/10 px-3 py-2 text-xs text-red-800 dark:text-red-300" data-testid="plan-failure">
          {plan.failureReason}
        </p>
      )}
      {plan.steps.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{checklist ? "Checklist (to do by hand)" : "Steps"}</h3>
          <ol className="space-y-2">
            {plan.steps.map((s) => (
              <Step key={s.index} step={s} checklist={checklist} />
            ))}
          </ol>
        </div>
      )}
      {plan.checks.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Verification</h3>
          <ul className="space-y-1" data-testid="plan-checks">
            {plan.checks.map((c) => (
              <li key={c.name} className="flex items-start gap-2 text-xs" data-testid="plan-check" data-passed={c.passed ? "true" : "false"}>
                {c.passed ? (
                  <CheckCircle2Icon className="mt-0.5 size-3.5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-label="passed" />
                ) : executed ? (
                  plan.status === "verifying" ? (
                    <Loader2Icon className="mt-0.5 size-3.5 shrink-0 animate-spin text-sky-600" aria-label="checking" />
                  ) : (
                    <XCircleIcon className="mt-0.5 size-3.5 shrink-0 text-red-600 dark:text-red-400" aria-label="failed" />
                  )
                ) : (
                  <CircleIcon className="text-muted-foreground mt-0.5 size-3.5 shrink-0" aria-label="not run" />
                )}
                <span>
                  <span className="font-medium">{c.name}</span> <span className="text-muted-foreground">— {c.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {showWhatIf && plan.whatIf.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">What-if (simulated forward, 3 seeds, 10 min)</h3>
          <WhatIfTable rows={plan.whatIf} />
        </div>
      )}
      {plan.dropped.length > 0 && (
        <div className="space-y-1" data-testid="plan-dropped">
          <h3 className="flex items-center gap-1 text-xs font-medium tracking-wide text-red-700 uppercase dark:text-red-400">
            <BanIcon className="size-3.5" aria-hidden /> Dropped (never executed)
          </h3>
          <ul className="space-y-0.5 font-mono text-[11px] break-all">
            {plan.dropped.map((d, i) => (
              <li key={i}>dropped: {d}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="text-muted-foreground space-y-0.5 text-xs" data-testid="plan-decisions">
        {plan.decidedBy && (
          <p>
            {plan.status === "rejected" ? "Rejected" : "Approved"} by <span className="text-foreground font-medium">{plan.decidedBy.name}</span>
            {plan.decisionComment && plan.decidedBy.kind !== "system" ? `: “${plan.decisionComment}”` : ""}
          </p>
        )}
        {plan.rolledBackBy && (
          <p className="flex items-center gap-1">
            <RotateCcwIcon className="size-3" aria-hidden /> Rolled back by <span className="text-foreground font-medium">{plan.rolledBackBy.name}</span>
            {plan.rollbackComment ? `: “${plan.rollbackComment}”` : ""}
          </p>
        )}
        {plan.attempts.some((a) => a.outcome === "skipped") && (
          <p>Skipped: {plan.attempts.filter((a) => a.outcome === "skipped").map((a) => `${providerNames[a.provider] ?? a.provider} (${a.reason})`).join("; ")}</p>
        )}
      </div>
      {actions}
    </article>
  );
}
