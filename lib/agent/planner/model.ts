import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { planOffline } from "./offline";
import { extractPlanData } from "./prompt";

export const OFFLINE_PLANNER_ID = "firedrill-offline-planner-1";

/**
 * The offline planner as a real AI SDK language model: it reads the prompt the LLMs get (the fenced
 * data block) and answers the plan JSON through the same `streamText` call, in a few milliseconds.
 */
export function createOfflinePlannerModel(options: { chunkChars?: number } = {}): LanguageModelV3 {
  const chunkChars = options.chunkChars ?? 96;
  const answer = (prompt: LanguageModelV3Prompt) => {
    const text = promptText(prompt);
    const data = extractPlanData(text);
    if (!data) throw new Error("offline planner: the prompt carries no plan data block");
    const output = JSON.stringify(planOffline(data));
    return { output, usage: usageFor(text, output) };
  };
  return {
    specificationVersion: "v3",
    provider: "offline",
    modelId: OFFLINE_PLANNER_ID,
    supportedUrls: {},
    async doGenerate(call: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      const { output, usage } = answer(call.prompt);
      return { content: [{ type: "text", text: output }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
    },
    async doStream(call: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
      const { output, usage } = answer(call.prompt);
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", modelId: OFFLINE_PLANNER_ID },
        { type: "text-start", id: "0" },
      ];
      for (let i = 0; i < output.length; i += chunkChars) parts.push({ type: "text-delta", id: "0", delta: output.slice(i, i + chunkChars) });
      parts.push({ type: "text-end", id: "0" }, { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage });
      const signal = call.abortSignal;
      let i = 0;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          pull(controller) {
            if (signal?.aborted) return controller.error(signal.reason ?? new Error("aborted"));
            if (i < parts.length) controller.enqueue(parts[i++]);
            else controller.close();
          },
        }),
      };
    },
  };
}

function promptText(prompt: LanguageModelV3Prompt): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (message.role !== "user") continue;
    for (const part of message.content) if (part.type === "text") parts.push(part.text);
  }
  return parts.join("\n");
}

function usageFor(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = Math.ceil(input.length / 4);
  const outputTokens = Math.ceil(output.length / 4);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}
