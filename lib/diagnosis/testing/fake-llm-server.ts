import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local HTTP servers that speak the providers' real streaming wire formats, so tests exercise the
 * actual @ai-sdk/groq and @ai-sdk/google clients: Groq's OpenAI-compatible chat-completions SSE and
 * Gemini's `:streamGenerateContent?alt=sse`. Each request is answered according to `behaviour`.
 */
export type FakeBehaviour =
  | { kind: "answer"; text: string; chunkChars?: number; chunkDelayMs?: number }
  | { kind: "status"; status: number; body?: string }
  | { kind: "hang" }
  /** Sends the first chunk, then stalls. */
  | { kind: "stall"; text: string };

export type FakeServer = {
  baseUrl: string;
  requests: { path: string; body: Record<string, unknown> }[];
  setBehaviour: (b: FakeBehaviour) => void;
  close: () => Promise<void>;
};

export async function startFakeProvider(flavour: "groq" | "gemini", initial: FakeBehaviour): Promise<FakeServer> {
  let behaviour = initial;
  const requests: FakeServer["requests"] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      requests.push({ path: req.url ?? "", body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      const b = behaviour;
      if (b.kind === "status") {
        res.writeHead(b.status, { "content-type": "application/json" });
        res.end(b.body ?? JSON.stringify({ error: { message: `fake ${b.status}`, type: "fake", code: b.status } }));
        return;
      }
      open.add(res);
      res.on("close", () => open.delete(res));
      if (b.kind === "hang") return;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const text = b.text;
      const size = b.kind === "answer" ? (b.chunkChars ?? 64) : Math.min(20, text.length);
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      if (b.kind === "stall") {
        res.write(frame(flavour, chunks[0], false));
        return;
      }
      for (const c of chunks) {
        if (res.destroyed) return;
        res.write(frame(flavour, c, false));
        if (b.chunkDelayMs) await new Promise((r) => setTimeout(r, b.chunkDelayMs));
      }
      res.write(frame(flavour, "", true));
      if (flavour === "groq") res.write("data: [DONE]\n\n");
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: flavour === "groq" ? `http://127.0.0.1:${port}/openai/v1` : `http://127.0.0.1:${port}/v1beta`,
    requests,
    setBehaviour: (b) => (behaviour = b),
    close: async () => {
      for (const r of open) r.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frame(flavour: "groq" | "gemini", text: string, last: boolean): string {
  if (flavour === "groq") {
    const chunk = {
      id: "chatcmpl-fake",
      object: "chat.completion.chunk",
      created: 1_763_000_000,
      model: "llama-3.3-70b-versatile",
      choices: [{ index: 0, delta: last ? {} : { role: "assistant", content: text }, finish_reason: last ? "stop" : null }],
      ...(last ? { x_groq: { id: "req_fake", usage: { prompt_tokens: 1200, completion_tokens: 400, total_tokens: 1600 } } } : {}),
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
  const chunk = {
    candidates: [
      {
        content: { parts: last ? [{ text: "" }] : [{ text }], role: "model" },
        index: 0,
        ...(last ? { finishReason: "STOP" } : {}),
      },
    ],
    ...(last ? { usageMetadata: { promptTokenCount: 1100, candidatesTokenCount: 380, totalTokenCount: 1480 } } : {}),
    modelVersion: "gemini-2.5-flash",
  };
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}
