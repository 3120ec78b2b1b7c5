import { getDb } from "@/db";
import { json, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { listDiagnoses, serializeDiagnosis } from "@/lib/ai/queries";
import { listDiagnosesSchema } from "@/lib/ai/schema";
import { getIncidentById } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** The incident's diagnoses, newest first (`?limit=`, at most 100). */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const id = parseInput(incidentIdSchema, (await ctx.params).id);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const { limit } = parseInput(listDiagnosesSchema, Object.fromEntries(new URL(request.url).searchParams));
  const items = await listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: id, limit });
  return json({ items: items.map((d) => serializeDiagnosis(d, id)) });
});
