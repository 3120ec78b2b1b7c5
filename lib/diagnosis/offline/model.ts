import type { LanguageModelV3 } from "@ai-sdk/provider";
import { localLanguageModel } from "../local-model";
import { extractDataBlock } from "../prompt";
import { analyzeIncident } from "./engine";

export const OFFLINE_MODEL_ID = "firedrill-offline-analyst-1";

/**
 * The offline engine as a language model: it reads the same prompt the LLMs get (the fenced data
 * block) and streams the diagnosis JSON like a remote model would.
 */
export function createOfflineModel(options: { chunkChars?: number; chunkDelayMs?: number } = {}): LanguageModelV3 {
  return localLanguageModel({
    modelId: OFFLINE_MODEL_ID,
    chunkChars: options.chunkChars ?? 64,
    chunkDelayMs: options.chunkDelayMs,
    answer: (text) => {
      const signals = extractDataBlock(text);
      if (!signals) throw new Error("offline engine: the prompt carries no incident data block");
      return JSON.stringify(analyzeIncident(signals));
    },
  });
}
