import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { listDiagnoses, serializeDiagnosis } from "@/lib/ai/queries";
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
  const limit = Number(new URL(request.url).searchParams.get("limit") ?? "20");
  const items = await listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: id, limit: Number.isFinite(limit) && limit > 0 ? limit : 20 });
  return json({ items: items.map((d) => serializeDiagnosis(d, id)) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
