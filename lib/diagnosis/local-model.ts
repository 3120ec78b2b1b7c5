import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";

export type LocalModelOptions = {
  modelId: string;
  /** Computes the whole answer from the user messages' text (the same prompt the LLMs get). */
  answer: (promptText: string) => string;
  chunkChars?: number;
  chunkDelayMs?: number;
};

/**
 * A deterministic engine as a real AI SDK language model: it answers through the same `streamText`
 * call as a remote model, streamed in chunks, so the provider chain treats every provider alike.
 * No network; the answer is computed in milliseconds.
 */
export function localLanguageModel(options: LocalModelOptions): LanguageModelV3 {
  const chunkChars = options.chunkChars ?? 64;
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const run = (prompt: LanguageModelV3Prompt) => {
    const text = promptText(prompt);
    const output = options.answer(text);
    return { output, usage: usageFor(text, output) };
  };
  return {
    specificationVersion: "v3",
    provider: "offline",
    modelId: options.modelId,
    supportedUrls: {},
    async doGenerate(call: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      const { output, usage } = run(call.prompt);
      return { content: [{ type: "text", text: output }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
    },
    async doStream(call: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
      const { output, usage } = run(call.prompt);
      const signal = call.abortSignal;
      let offset = 0;
      let started = false;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          if (signal?.aborted) {
            controller.error(signal.reason ?? new Error("aborted"));
            return;
          }
          if (!started) {
            started = true;
            controller.enqueue({ type: "stream-start", warnings: [] });
            controller.enqueue({ type: "response-metadata", modelId: options.modelId });
            controller.enqueue({ type: "text-start", id: "0" });
            return;
          }
          if (offset < output.length) {
            if (chunkDelayMs > 0 && offset > 0) await new Promise((r) => setTimeout(r, chunkDelayMs));
            controller.enqueue({ type: "text-delta", id: "0", delta: output.slice(offset, offset + chunkChars) });
            offset += chunkChars;
            return;
          }
          controller.enqueue({ type: "text-end", id: "0" });
          controller.enqueue({ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage });
          controller.close();
        },
      });
      return { stream };
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

/** Token counts are estimated the usual way (≈ 4 characters a token); no tokenizer runs offline. */
function usageFor(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = Math.ceil(input.length / 4);
  const outputTokens = Math.ceil(output.length / 4);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}
