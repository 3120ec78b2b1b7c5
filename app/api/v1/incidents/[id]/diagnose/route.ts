import { getDb } from "@/db";
import { methodNotAllowed, resultResponse, route } from "@/lib/api/http";
import { runDiagnosis } from "@/lib/ai/diagnose";
import { serializeDiagnosis } from "@/lib/ai/queries";
import { requireDiagnosisActor } from "@/lib/ai/request-actor";

export const dynamic = "force-dynamic";
export const maxDuration = 75;

type Ctx = { params: Promise<{ id: string }> };

/** One call for automation: runs the provider chain and returns the finished, saved diagnosis. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  const db = await getDb();
  const actor = await requireDiagnosisActor(db, request);
  const result = await runDiagnosis(db, actor, id, { abortSignal: request.signal });
  return resultResponse(result, 201, (d) => serializeDiagnosis({ ...d, requestedBy: actor.name }, id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
