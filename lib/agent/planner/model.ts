import type { LanguageModelV3 } from "@ai-sdk/provider";
import { localLanguageModel } from "@/lib/diagnosis";
import { planOffline } from "./offline";
import { extractPlanData } from "./prompt";

export const OFFLINE_PLANNER_ID = "firedrill-offline-planner-1";

/**
 * The offline planner as a language model: it reads the prompt the LLMs get (the fenced data block)
 * and answers the plan JSON through the same `streamText` call, in a few milliseconds.
 */
export function createOfflinePlannerModel(options: { chunkChars?: number } = {}): LanguageModelV3 {
  return localLanguageModel({
    modelId: OFFLINE_PLANNER_ID,
    chunkChars: options.chunkChars ?? 96,
    answer: (text) => {
      const data = extractPlanData(text);
      if (!data) throw new Error("offline planner: the prompt carries no plan data block");
      return JSON.stringify(planOffline(data));
    },
  });
}
