import { createTextStreamResponse } from "ai";
import { getDb } from "@/db";
import { methodNotAllowed, route } from "@/lib/api/http";
import { prepareDiagnosis, streamDiagnosis } from "@/lib/ai/diagnose";
import { resolveProviders } from "@/lib/ai/providers";
import { requireDiagnosisActor } from "@/lib/ai/request-actor";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
/** Groq's and Gemini's deadlines (30 s each) plus the offline engine, with margin. */
export const maxDuration = 75;

type Ctx = { params: Promise<{ id: string }> };

/**
 * Streams a diagnosis as one growing JSON document (lib/ai/stream-envelope.ts) for `useObject`:
 * parse → authenticate (API key or session; `?workspace=<slug>`) → rate-limit per workspace →
 * check the incident is in the workspace → stream → the diagnosis is saved when it completes.
 */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  const db = await getDb();
  const actor = await requireDiagnosisActor(db, request);
  const prepared = await prepareDiagnosis(db, actor, id);
  const stream = streamDiagnosis(db, actor, prepared, {
    providers: resolveProviders({ offlineChunkDelayMs: env().DIAGNOSIS_OFFLINE_CHUNK_DELAY_MS }),
    abortSignal: request.signal,
  });
  // no-transform: response compression would buffer the stream, and the summary would arrive with the hypotheses.
  return createTextStreamResponse({
    stream,
    headers: { "cache-control": "no-store, no-transform", "x-accel-buffering": "no", "x-content-type-options": "nosniff" },
  });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
