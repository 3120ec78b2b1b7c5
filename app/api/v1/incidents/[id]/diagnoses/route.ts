import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { serializeDiagnosis } from "@/lib/api/rest";
import { listDiagnoses } from "@/lib/diagnosis";
import { listDiagnosesSchema } from "@/lib/diagnosis/shared";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The incident's diagnoses, newest first (`?limit=`, at most 100). */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const id = parseInput(incidentIdSchema, params.id);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const { limit } = parseInput(listDiagnosesSchema, searchParams(request));
  const items = await listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: id, limit });
  return json({ items: items.map((d) => serializeDiagnosis(d, id)) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
