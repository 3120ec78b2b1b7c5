import { getDb } from "@/db";
import { keysToCamel } from "@/lib/api/case";
import { json, methodNotAllowed, readJson, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { deleteIncident } from "@/lib/incidents/delete-incident";
import { getIncidentById } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { serializeIncident } from "@/lib/incidents/serialize";
import { updateIncident } from "@/lib/incidents/update-incident";
import { parseInput } from "@/lib/result";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const id = parseInput(incidentIdSchema, (await ctx.params).id);
  return json(serializeIncident(await getIncidentById(db, { workspaceId: actor.workspaceId, id })));
});

/**
 * Edits fields and/or moves the status. The body carries the `version` it read: a stale one is a 409.
 * Status and fields may come together; they commit together or not at all.
 */
export const PATCH = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:write");
  const { id } = await ctx.params;
  const body = keysToCamel(await readJson(request));
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("unprocessable:input", "The body must be a JSON object.", { issues: [{ path: "(body)", message: "must be an object" }] });
  }
  const fields = body as Record<string, unknown>;
  if (!Object.keys(fields).some((k) => k !== "version")) {
    throw new AppError("unprocessable:input", "Nothing to change: send fields to edit or a status.", {
      issues: [{ path: "(body)", message: "must change at least one field" }],
    });
  }
  return resultResponse(await updateIncident(db, actor, id, fields), 200, serializeIncident);
});

export const DELETE = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:delete");
  return resultResponse(await deleteIncident(db, actor, (await ctx.params).id), 200);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT } = methodNotAllowed("GET", "PATCH", "DELETE", "HEAD");
