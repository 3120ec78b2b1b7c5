import { Output } from "ai";
import type { PlanAttempt } from "@/db/schema/agent";
import { resolveProviders, skipReason, SkipProvider, streamModelText, type ProviderEntry } from "@/lib/diagnosis";
import { logger } from "@/lib/logger";
import { readAnswer, planAnswerSchema, type LooseAnswer } from "./answer";
import type { PlanData } from "./data";
import { createOfflinePlannerModel, OFFLINE_PLANNER_ID } from "./model";
import { buildPlannerPrompt } from "./prompt";

const log = logger("agent");

/** The planner's chain: Groq → Gemini → the offline planner, the diagnosis' order and rules. */
export function plannerProviders(): ProviderEntry[] {
  return resolveProviders({ offline: { model: OFFLINE_PLANNER_ID, languageModel: createOfflinePlannerModel() } });
}

export type PlannerOptions = {
  providers?: ProviderEntry[];
  firstTokenTimeoutMs?: number;
  totalTimeoutMs?: number;
  abortSignal?: AbortSignal;
  /**
   * Screens an answer (catalog, topology, policy): returns the steps' count that survived and the
   * drops. An answer with steps none of which survive is a skip, and the next provider is asked.
   */
  screen: (answer: LooseAnswer, origin: string) => { kept: number; dropped: string[] };
};

export type PlannerResult = { answer: LooseAnswer; provider: ProviderEntry; attempts: PlanAttempt[]; dropped: string[] };

/**
 * Asks the providers in order until one answers a plan that reads as JSON with at least one step
 * within the catalog (or, for the offline planner, none at all when nothing fits). Skips are
 * recorded with their reason; what a skipped provider proposed outside the catalog is kept in
 * `dropped` too, so a person sees what was refused.
 */
export async function runPlannerChain(data: PlanData, options: PlannerOptions): Promise<PlannerResult | null> {
  const { system, prompt } = buildPlannerPrompt(data);
  const attempts: PlanAttempt[] = [];
  const dropped: string[] = [];
  for (const provider of options.providers ?? plannerProviders()) {
    if (options.abortSignal?.aborted) break;
    const started = performance.now();
    try {
      const text = await runOne(provider, system, prompt, options);
      const answer = readAnswer(text);
      const origin = `${provider.id} ${provider.model}`;
      const screened = options.screen(answer, origin);
      dropped.push(...screened.dropped);
      if (answer.steps.length > 0 && screened.kept === 0) throw new SkipProvider("no proposed step is within the catalog");
      if (answer.steps.length === 0 && provider.id !== "offline") throw new SkipProvider("proposed no step");
      attempts.push({ provider: provider.id, model: provider.model, outcome: "answered", ms: Math.round(performance.now() - started) });
      return { answer, provider, attempts, dropped };
    } catch (e) {
      const reason = skipReason(e);
      log.warn({ provider: provider.id, model: provider.model, reason }, "planner provider skipped");
      attempts.push({ provider: provider.id, model: provider.model, outcome: "skipped", reason, ms: Math.round(performance.now() - started) });
    }
  }
  return null;
}

async function runOne(provider: ProviderEntry, system: string, prompt: string, options: PlannerOptions): Promise<string> {
  const answer = await streamModelText(provider, {
    system,
    prompt,
    output: Output.object({ schema: planAnswerSchema, name: "plan", description: "Remediation plan" }),
    firstTokenTimeoutMs: options.firstTokenTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs,
    abortSignal: options.abortSignal,
  });
  return answer.text;
}
