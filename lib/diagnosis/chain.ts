import { Output, parsePartialJson } from "ai";
import { logger } from "@/lib/logger";
import { groundDiagnosis } from "./grounding";
import { buildPrompt } from "./prompt";
import { readJsonAnswer, skipReason, SkipProvider, streamModelText } from "./model-stream";
import type { ProviderEntry } from "./providers";
import { diagnosisConsistencyError, diagnosisOutputSchema, diagnosisSchema, type Attempt, type Diagnosis } from "./schema";
import type { IncidentSignals } from "./signals";

const log = logger("ai");


export type ChainObserver = {
  onRunStart?: (provider: ProviderEntry) => void;
  onDraft?: (partial: unknown) => void;
  onRunEnd?: (outcome: "answered" | "skipped", reason?: string) => void;
};

export type ChainOptions = ChainObserver & {
  providers: ProviderEntry[];
  firstTokenTimeoutMs?: number;
  totalTimeoutMs?: number;
  abortSignal?: AbortSignal;
};

export type ChainAnswer = {
  diagnosis: Diagnosis;
  provider: ProviderEntry;
  attempts: Attempt[];
  timeToFirstTokenMs: number | null;
  totalMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
};

/**
 * Runs the providers in order until one returns a diagnosis that passes the schema. A provider that
 * errors, rate-limits, misses the first-token or whole-answer deadline, or answers with something the
 * schema rejects is skipped and the reason recorded. Returns null only if every provider failed.
 */
export async function runProviderChain(signals: IncidentSignals, options: ChainOptions): Promise<ChainAnswer | null> {
  const { system, prompt } = buildPrompt(signals);
  const attempts: Attempt[] = [];
  for (const provider of options.providers) {
    if (options.abortSignal?.aborted) break;
    options.onRunStart?.(provider);
    const started = performance.now();
    try {
      const answer = await runOne(provider, system, prompt, signals, options);
      const ms = Math.round(performance.now() - started);
      attempts.push({ provider: provider.id, model: provider.model, outcome: "answered", ms });
      options.onRunEnd?.("answered");
      return { ...answer, provider, attempts, totalMs: ms };
    } catch (e) {
      const reason = skipReason(e);
      const ms = Math.round(performance.now() - started);
      log.warn({ provider: provider.id, model: provider.model, reason }, "diagnosis provider skipped");
      attempts.push({ provider: provider.id, model: provider.model, outcome: "skipped", reason, ms });
      options.onRunEnd?.("skipped", reason);
    }
  }
  return null;
}

async function runOne(
  provider: ProviderEntry,
  system: string,
  prompt: string,
  signals: IncidentSignals,
  options: ChainOptions,
): Promise<Omit<ChainAnswer, "provider" | "attempts" | "totalMs">> {
  let lastDraftAt = 0;
  let lastDraftLength = 0;
  const onDraft = options.onDraft;
  const answer = await streamModelText(provider, {
    system,
    prompt,
    // Models are asked for the full causal structure; answers are read leniently (validate below).
    output: Output.object({ schema: diagnosisOutputSchema, name: "diagnosis", description: "Incident diagnosis" }),
    firstTokenTimeoutMs: options.firstTokenTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs,
    abortSignal: options.abortSignal,
    onText: onDraft
      ? async (text) => {
          // Re-parsing the whole prefix on every token is quadratic; every ~32 new characters is enough.
          const now = performance.now();
          if (text.length - lastDraftLength >= 32 || now - lastDraftAt >= 50) {
            lastDraftAt = now;
            lastDraftLength = text.length;
            const partial = await parsePartialJson(stripFences(text));
            if (partial.value && typeof partial.value === "object") onDraft(partial.value);
          }
        }
      : undefined,
  });
  const diagnosis = validate(answer.text);
  const grounded = groundDiagnosis(diagnosis, signals);
  if (onDraft) onDraft(grounded);
  return { diagnosis: grounded, timeToFirstTokenMs: answer.timeToFirstTokenMs, inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
}

function stripFences(text: string): string {
  const start = text.indexOf("{");
  return start > 0 ? text.slice(start) : text;
}

/** Parses and checks the model's answer; anything off is a skip, never a stored diagnosis. */
export function validate(text: string): Diagnosis {
  const json = readJsonAnswer(text);
  const parsed = diagnosisSchema.safeParse(normaliseAnswer(json));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SkipProvider(`answer failed the schema (${first.path.join(".") || "root"}: ${first.message})`);
  }
  const inconsistent = diagnosisConsistencyError(parsed.data);
  if (inconsistent) throw new SkipProvider(`answer failed the schema (${inconsistent})`);
  return parsed.data;
}

const limits: Record<string, number> = { summary: 800, title: 160, explanation: 1200, cause: 60, step: 400, ref: 200, detail: 400, description: 300, reason: 300 };
const listLimits: Record<string, number> = { hypotheses: 5, evidence: 8, recommended_actions: 8, causal_chain: 6, dismissed: 8 };

/**
 * Forgives what models commonly get slightly wrong without changing meaning: over-long text is cut to
 * the schema's lengths, over-long lists to their bounds, and percentages (0–100) become fractions.
 * Anything else that is off still fails the schema.
 */
export function normaliseAnswer(value: unknown, key = "", parent = ""): unknown {
  if (Array.isArray(value)) {
    // A causal step cites at most 4 signals; a hypothesis 8.
    const max = key === "evidence" && parent === "causal_chain" ? 4 : listLimits[key];
    return (max ? value.slice(0, max) : value).map((v) => normaliseAnswer(v, "", key));
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseAnswer(v, k, parent)]));
  }
  if (typeof value === "string" && limits[key]) return value.length > limits[key] ? clipAtWord(value, limits[key] - 1) : value;
  if (typeof value === "number" && key === "confidence" && value > 1 && value <= 100) return value / 100;
  return value;
}

/** Cut to at most `max` characters at a word boundary (mid-word only for one very long word), marked "…". */
function clipAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:("'“]+$/, "")}…`;
}
