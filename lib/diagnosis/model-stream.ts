import { APICallError, streamText } from "ai";
import type { ProviderEntry } from "./providers";

export const FIRST_TOKEN_TIMEOUT_MS = 10_000;
export const TOTAL_TIMEOUT_MS = 30_000;

/** A provider's answer that cannot be used: the chain records the reason and asks the next one. */
export class SkipProvider extends Error {}

export type ModelStreamOptions = {
  system: string;
  prompt: string;
  /** Structured output asked of providers that support it (`Output.object(...)`). */
  output?: Parameters<typeof streamText>[0]["output"];
  firstTokenTimeoutMs?: number;
  totalTimeoutMs?: number;
  abortSignal?: AbortSignal;
  /** Called with the text so far after every new token. */
  onText?: (text: string) => void | Promise<void>;
};

export type ModelStreamAnswer = {
  text: string;
  timeToFirstTokenMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
};

/**
 * Streams one provider's answer under two deadlines (first token, whole answer) and the caller's
 * abort signal. A missed deadline or a cancel is a `SkipProvider`; a provider error is rethrown for
 * `skipReason`. Temperature 0 and no retries: the chain, not the SDK, decides what happens next.
 */
export async function streamModelText(provider: ProviderEntry, options: ModelStreamOptions): Promise<ModelStreamAnswer> {
  const firstTokenMs = options.firstTokenTimeoutMs ?? FIRST_TOKEN_TIMEOUT_MS;
  const totalMs = options.totalTimeoutMs ?? TOTAL_TIMEOUT_MS;
  const controller = new AbortController();
  let timeout: string | null = null;
  const started = performance.now();
  const firstTimer = setTimeout(() => {
    timeout = `no first token within ${firstTokenMs / 1000} s`;
    controller.abort(new Error(timeout));
  }, firstTokenMs);
  const totalTimer = setTimeout(() => {
    timeout = `no complete answer within ${totalMs / 1000} s`;
    controller.abort(new Error(timeout));
  }, totalMs);
  const onOuterAbort = () => controller.abort(new Error("request cancelled"));
  options.abortSignal?.addEventListener("abort", onOuterAbort, { once: true });

  let text = "";
  let ttft: number | null = null;
  let streamError: unknown;
  let usage: { inputTokens: number | undefined; outputTokens: number | undefined } | undefined;
  try {
    const result = streamText({
      model: provider.languageModel,
      system: options.system,
      prompt: options.prompt,
      ...(provider.structured === false || !options.output ? {} : { output: options.output }),
      temperature: 0,
      maxRetries: 0,
      abortSignal: controller.signal,
      ...(provider.providerOptions ? { providerOptions: provider.providerOptions } : {}),
      onError: () => {
        // Reported through the stream's error part below.
      },
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        if (ttft === null) {
          ttft = Math.round(performance.now() - started);
          clearTimeout(firstTimer);
        }
        text += part.text;
        await options.onText?.(text);
      } else if (part.type === "error") {
        streamError = part.error;
      } else if (part.type === "finish") {
        usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      }
    }
  } catch (e) {
    streamError = e;
  } finally {
    clearTimeout(firstTimer);
    clearTimeout(totalTimer);
    options.abortSignal?.removeEventListener("abort", onOuterAbort);
  }
  if (timeout) throw new SkipProvider(timeout);
  if (options.abortSignal?.aborted) throw new SkipProvider("request cancelled");
  if (streamError) throw streamError;
  return { text, timeToFirstTokenMs: ttft, inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null };
}

/** The JSON object in a model's answer (possibly fenced or preceded by prose); anything else is a skip. */
export function readJsonAnswer(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) throw new SkipProvider("empty answer");
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  if (start < 0) throw new SkipProvider("answer is not JSON");
  if (end < start) throw new SkipProvider("answer is malformed JSON (truncated)");
  try {
    return JSON.parse(trimmed.slice(start, end + 1));
  } catch {
    throw new SkipProvider("answer is malformed JSON");
  }
}

/** A short, safe reason for the UI and the attempts log (no response bodies, no keys). */
export function skipReason(e: unknown): string {
  if (e instanceof SkipProvider) return e.message;
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    if (status === 429) return "rate limited (HTTP 429)";
    if (status === 401 || status === 403) return `rejected the API key (HTTP ${status})`;
    if (status && status >= 500) return `provider error (HTTP ${status})`;
    if (status) return `request refused (HTTP ${status})`;
    return "could not reach the provider";
  }
  const name = e instanceof Error ? e.name : "";
  const message = e instanceof Error ? e.message : String(e);
  if (/abort/i.test(name) || /abort/i.test(message)) return "request aborted";
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|network/i.test(message)) return "could not reach the provider";
  if (/JSON/i.test(name) || /JSON/i.test(message)) return "answer is malformed JSON";
  return `provider failed (${name || "error"})`;
}
