import { AlertTriangle, CheckCircle2, Circle, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import type { Severity } from "@/db/schema";
import type { CausalStep, Diagnosis, DiagnosisMeta, DismissedSignal, Evidence, Hypothesis, RecommendedAction } from "@/lib/diagnosis/shared";
import { cn } from "@/lib/utils";

type PartialStep = Partial<Omit<CausalStep, "evidence">> & { evidence?: (Partial<Evidence> | undefined)[] };

/** A diagnosis as it streams: every field may still be missing or half-written. Saved diagnoses from
 * before the causal chain have neither `causal_chain` nor `dismissed`. */
export type PartialDiagnosis = {
  severity?: string;
  category?: string;
  summary?: string;
  abstained?: boolean;
  hypotheses?: ((Partial<Omit<Hypothesis, "evidence" | "causal_chain">> & { evidence?: Partial<Evidence>[]; causal_chain?: (PartialStep | undefined)[] }) | undefined)[];
  recommended_actions?: (Partial<RecommendedAction> | undefined)[];
  confidence?: number;
  dismissed?: (Partial<DismissedSignal> | undefined)[];
};

const providerNames: Record<string, string> = { groq: "Groq", gemini: "Gemini", offline: "Offline engine" };

export function providerName(id: string | undefined): string {
  return (id && providerNames[id]) ?? id ?? "";
}

function pct(n: number | undefined): string {
  return typeof n === "number" && Number.isFinite(n) ? `${Math.round(n * 100)}%` : "…";
}

function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const riskClasses: Record<string, string> = {
  low: "border-emerald-500/40 text-emerald-700 dark:text-emerald-400",
  medium: "border-amber-500/40 text-amber-700 dark:text-amber-400",
  high: "border-red-500/40 text-red-700 dark:text-red-400",
};

const isSeverity = (s: unknown): s is Severity => s === "P0" || s === "P1" || s === "P2" || s === "P3";

/** Renders a diagnosis, complete or partial; fields appear as they arrive. */
export function DiagnosisView({ diagnosis, streaming }: { diagnosis: PartialDiagnosis; streaming: boolean }) {
  const hypotheses = (diagnosis.hypotheses ?? []).filter((h): h is NonNullable<typeof h> => !!h && !!h.title);
  const actions = (diagnosis.recommended_actions ?? []).filter((a): a is NonNullable<typeof a> => !!a && !!a.step);
  const dismissed = (diagnosis.dismissed ?? []).filter((x): x is NonNullable<typeof x> => !!x && !!x.reason);
  return (
    <div className="space-y-4" data-testid="diagnosis-view">
      <div className="flex flex-wrap items-center gap-2">
        {isSeverity(diagnosis.severity) && <SeverityBadge severity={diagnosis.severity} />}
        {diagnosis.category && <Badge variant="outline">{diagnosis.category}</Badge>}
        {typeof diagnosis.confidence === "number" && !streaming && (
          <span className="text-muted-foreground text-xs">overall confidence {pct(diagnosis.confidence)}</span>
        )}
      </div>
      {diagnosis.summary ? (
        <p className="text-sm leading-relaxed" data-testid="diagnosis-summary">
          {diagnosis.summary}
        </p>
      ) : (
        streaming && <p className="text-muted-foreground animate-pulse text-sm">Reading the incident&apos;s signals…</p>
      )}
      {diagnosis.abstained && !streaming && (
        <p className="text-muted-foreground flex items-center gap-2 text-sm" data-testid="diagnosis-abstained">
          <AlertTriangle className="size-4" /> No cause is claimed: no signal supports one yet.
        </p>
      )}
      {hypotheses.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Hypotheses</h3>
          <ol className="space-y-2">
            {hypotheses.map((h, i) => (
              <li key={i} className="rounded-lg border p-3" data-testid="diagnosis-hypothesis">
                <div className="flex items-start justify-between gap-3">
                  <div className="text-sm font-medium">
                    {i + 1}. {h.title}
                  </div>
                  <span className="text-muted-foreground shrink-0 text-xs tabular-nums">{pct(h.confidence)}</span>
                </div>
                {typeof h.confidence === "number" && (
                  <div className="bg-muted mt-2 h-1 overflow-hidden rounded">
                    <div className="bg-primary h-full" style={{ width: `${Math.round(h.confidence * 100)}%` }} />
                  </div>
                )}
                {i === 0 && <CausalChain steps={h.causal_chain} />}
                {h.explanation && <p className="text-muted-foreground mt-2 text-sm">{h.explanation}</p>}
                {(h.evidence ?? []).length > 0 && (
                  <ul className="mt-2 space-y-1">
                    {(h.evidence ?? []).map((e, j) =>
                      e?.detail ? (
                        <li key={j} className="flex gap-2 text-xs">
                          <Badge variant="secondary" className="shrink-0">
                            {e.source ?? "signal"}
                          </Badge>
                          <span className="font-mono break-words">{e.detail}</span>
                        </li>
                      ) : null,
                    )}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
      {dismissed.length > 0 && (
        <div className="space-y-2" data-testid="diagnosis-dismissed">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Considered and dismissed</h3>
          <ul className="space-y-1">
            {dismissed.map((x, i) => (
              <li key={i} className="flex gap-2 text-xs" data-testid="diagnosis-dismissed-item">
                <XCircle className="text-muted-foreground mt-0.5 size-3.5 shrink-0" aria-hidden />
                <span className="min-w-0">
                  {x.source && x.ref && (
                    <span className="text-muted-foreground mr-1.5 font-mono break-words">
                      {x.source}: {x.ref} —
                    </span>
                  )}
                  {x.reason}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {actions.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Recommended actions</h3>
          <ol className="space-y-1.5">
            {actions.map((a, i) => (
              <li key={i} className="flex flex-wrap items-start gap-2 text-sm" data-testid="diagnosis-action">
                <span className="text-muted-foreground w-5 shrink-0 tabular-nums">{i + 1}.</span>
                <span className="min-w-0 flex-1">{a.step}</span>
                {a.kind && <Badge variant="outline">{a.kind}</Badge>}
                {a.risk && (
                  <Badge variant="outline" className={cn(riskClasses[a.risk])}>
                    {a.risk} risk
                  </Badge>
                )}
                {typeof a.confidence === "number" && <span className="text-muted-foreground text-xs tabular-nums">{pct(a.confidence)}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

const roleLabels: Record<string, string> = { cause: "Cause", mechanism: "Mechanism", symptom: "Symptom" };
const roleClasses: Record<string, string> = {
  cause: "border-red-500/50 text-red-700 dark:text-red-400",
  mechanism: "border-amber-500/50 text-amber-700 dark:text-amber-400",
  symptom: "border-sky-500/50 text-sky-700 dark:text-sky-400",
};

/** "cause → mechanism → symptom", each step with the signals it cites. Absent on older diagnoses. */
function CausalChain({ steps }: { steps: (PartialStep | undefined)[] | undefined }) {
  const shown = (steps ?? []).filter((s): s is PartialStep => !!s && !!s.description);
  if (shown.length === 0) return null;
  return (
    <div className="mt-3 space-y-1" data-testid="diagnosis-chain">
      <h4 className="text-muted-foreground text-xs font-medium">Cause → mechanism → symptom</h4>
      <ol className="space-y-0">
        {shown.map((step, i) => (
          <li key={i} className="relative flex gap-2 pb-2 last:pb-0" data-testid="diagnosis-chain-step" data-role={step.role}>
            <div className="flex w-20 shrink-0 flex-col items-center">
              <Badge variant="outline" className={cn("w-full justify-center", roleClasses[step.role ?? ""])}>
                {roleLabels[step.role ?? ""] ?? "Step"}
              </Badge>
              {i < shown.length - 1 && <span className="bg-border mt-1 w-px flex-1" aria-hidden />}
            </div>
            <div className="min-w-0 flex-1 space-y-1 pt-0.5">
              <p className="text-sm">{step.description}</p>
              {(step.evidence ?? []).map((e, j) =>
                // Evidence that only repeats the step's own words (a change quoted in full) is not shown twice.
                e?.detail && !sameText(e.detail, step.description) ? (
                  <p key={j} className="text-muted-foreground font-mono text-xs break-words">
                    {e.source ? `${e.source}: ` : ""}
                    {e.detail}
                  </p>
                ) : null,
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function sameText(a: string, b: string | undefined): boolean {
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();
  return !!b && norm(a) === norm(b);
}

/** Provider, model, timings, tokens, and why earlier providers were skipped — in small print. */
export function DiagnosisMetaLine({ meta }: { meta: DiagnosisMeta }) {
  const skipped = meta.attempts.filter((a) => a.outcome === "skipped");
  return (
    <div className="text-muted-foreground space-y-1 text-xs" data-testid="diagnosis-meta">
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        <span>
          Answered by <strong className="text-foreground font-medium">{providerName(meta.provider)}</strong> ({meta.model})
        </span>
        <span>first token {seconds(meta.time_to_first_token_ms)}</span>
        <span>total {seconds(meta.total_ms)}</span>
        <span>
          tokens {meta.input_tokens ?? "—"} in / {meta.output_tokens ?? "—"} out
          {meta.provider === "offline" ? " (estimated)" : ""}
        </span>
      </div>
      {skipped.map((a, i) => (
        <div key={i} data-testid="diagnosis-skipped">
          Skipped {providerName(a.provider)} ({a.model}): {a.reason}
        </div>
      ))}
    </div>
  );
}

/** One line per provider tried so far while streaming. */
export function RunProgress({ runs }: { runs: { provider?: string; model?: string; outcome?: string; reason?: string }[] }) {
  return (
    <ul className="text-muted-foreground space-y-0.5 text-xs" data-testid="diagnosis-runs">
      {runs.map((r, i) => (
        <li key={i} className="flex items-center gap-1.5">
          {r.outcome === "answered" ? (
            <CheckCircle2 className="size-3 text-emerald-600" />
          ) : r.outcome === "skipped" ? (
            <AlertTriangle className="size-3 text-amber-600" />
          ) : (
            <Circle className="size-3 animate-pulse" />
          )}
          {providerName(r.provider)} {r.model ? `(${r.model})` : ""}
          {r.outcome === "skipped" ? ` skipped: ${r.reason ?? "failed"}` : r.outcome === "answered" ? " answered" : " answering…"}
        </li>
      ))}
    </ul>
  );
}

export type { Diagnosis };
