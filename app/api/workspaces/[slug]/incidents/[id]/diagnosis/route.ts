import { createTextStreamResponse } from "ai";
import { env } from "@/env";
import { callerRoute, methodNotAllowed } from "@/lib/api/http";
import { prepareDiagnosis, streamDiagnosis } from "@/lib/diagnosis";
import { resolveProviders } from "@/lib/diagnosis";

export const dynamic = "force-dynamic";
/** Groq's and Gemini's deadlines (30 s each) plus the offline engine, with margin. */
export const maxDuration = 75;

/**
 * Streams a diagnosis as one growing JSON document (lib/diagnosis/stream-envelope.ts) for `useObject`:
 * caller → permission and quota → the incident is in the workspace → stream → saved when complete.
 */
export const POST = callerRoute<{ slug: string; id: string }>("diagnosis:run", async ({ db, actor, request, params }) => {
  const prepared = await prepareDiagnosis(db, actor, params.id);
  const stream = streamDiagnosis(db, actor, prepared, {
    providers: resolveProviders({ offlineChunkDelayMs: env().DIAGNOSIS_OFFLINE_CHUNK_DELAY_MS }),
    abortSignal: request.signal,
  });
  // no-transform: response compression would buffer the stream, and the summary would arrive with the hypotheses.
  return createTextStreamResponse({
    textStream: stream,
    headers: { "cache-control": "no-store, no-transform", "x-accel-buffering": "no", "x-content-type-options": "nosniff" },
  });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
