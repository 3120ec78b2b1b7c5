import { callerRoute, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { runDiagnosis } from "@/lib/diagnosis";
import { serializeDiagnosis } from "@/lib/api/rest";

export const dynamic = "force-dynamic";
export const maxDuration = 75;

/** One call for automation: runs the provider chain and returns the finished, saved diagnosis. */
export const POST = callerRoute<{ id: string }>("diagnosis:run", async ({ db, actor, request, params }) => {
  const result = await runDiagnosis(db, actor, params.id, { abortSignal: request.signal });
  return resultResponse(result, 201, (d) => serializeDiagnosis({ ...d, requestedBy: actor.name }, params.id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
