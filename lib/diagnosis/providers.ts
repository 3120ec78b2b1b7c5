import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createGroq } from "@ai-sdk/groq";
import type { SharedV3ProviderOptions } from "@ai-sdk/provider";
import type { LanguageModel } from "ai";
import { env } from "@/env";
import { createOfflineModel, OFFLINE_MODEL_ID } from "./offline/model";
import type { ProviderId } from "./schema";

/**
 * Every model the app uses is resolved here, in fallback order: Groq (when GROQ_API_KEY is set) →
 * Gemini (when GOOGLE_GENERATIVE_AI_API_KEY is set) → the offline engine, which is always last and
 * never fails for lack of a network.
 */
export const DEFAULT_GROQ_MODEL = "llama-3.3-70b-versatile";
export const DEFAULT_GOOGLE_MODEL = "gemini-2.5-flash";

export type ProviderEntry = {
  id: ProviderId;
  model: string;
  languageModel: LanguageModel;
  /** Passed to streamText as providerOptions. */
  providerOptions?: SharedV3ProviderOptions;
  /**
   * Whether to request structured output (a JSON schema response format). Models without JSON-schema
   * support get plain text: the system prompt spells out the JSON, and we validate it ourselves.
   */
  structured?: boolean;
};

/** Groq serves JSON-schema structured output only on some models; the rest get json_object mode. */
function groqSupportsJsonSchema(model: string): boolean {
  return /gpt-oss|kimi-k2|llama-4/i.test(model);
}

/**
 * Thinking models spend seconds reasoning before the first visible token, which would miss the 10 s
 * first-token deadline on a busy day. A diagnosis needs little of it: 2.5 models get no thinking
 * budget, later ones the lowest level.
 */
function geminiThinking(model: string): SharedV3ProviderOptions[string] {
  if (/gemini-2\.5-(flash|flash-lite)/.test(model)) return { thinkingConfig: { thinkingBudget: 0 } };
  if (/gemini-2\.5-pro/.test(model)) return { thinkingConfig: { thinkingBudget: 128 } };
  if (/gemini-[3-9]/.test(model)) return { thinkingConfig: { thinkingLevel: "low" } };
  return {};
}

export function offlineProvider(options: { chunkDelayMs?: number } = {}): ProviderEntry {
  return { id: "offline", model: OFFLINE_MODEL_ID, languageModel: createOfflineModel(options) };
}

/**
 * The chain in fallback order. `offline` replaces the last, always-available entry with another
 * offline model on the same terms (the SRE agent's planner: same Groq → Gemini → offline order).
 */
export function resolveProviders(options: { offlineChunkDelayMs?: number; offline?: Pick<ProviderEntry, "model" | "languageModel"> } = {}): ProviderEntry[] {
  const e = env();
  const chain: ProviderEntry[] = [];
  if (e.GROQ_API_KEY) {
    const model = e.GROQ_MODEL ?? DEFAULT_GROQ_MODEL;
    const groq = createGroq({ apiKey: e.GROQ_API_KEY, ...(e.GROQ_BASE_URL ? { baseURL: e.GROQ_BASE_URL } : {}) });
    const jsonSchema = groqSupportsJsonSchema(model);
    chain.push({
      id: "groq",
      model,
      languageModel: groq(model),
      structured: jsonSchema,
      ...(jsonSchema ? { providerOptions: { groq: { structuredOutputs: true } } } : {}),
    });
  }
  if (e.GOOGLE_GENERATIVE_AI_API_KEY) {
    const model = e.GOOGLE_MODEL ?? DEFAULT_GOOGLE_MODEL;
    const google = createGoogleGenerativeAI({
      apiKey: e.GOOGLE_GENERATIVE_AI_API_KEY,
      ...(e.GOOGLE_BASE_URL ? { baseURL: e.GOOGLE_BASE_URL } : {}),
    });
    chain.push({ id: "gemini", model, languageModel: google(model), providerOptions: { google: geminiThinking(model) } });
  }
  chain.push(options.offline ? { id: "offline", ...options.offline } : offlineProvider({ chunkDelayMs: options.offlineChunkDelayMs }));
  return chain;
}

