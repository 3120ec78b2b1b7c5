import { keysToCamel } from "@/lib/api/case";
import { callerRoute, json, readJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { deleteIncident } from "@/lib/incidents";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { serializeIncident } from "@/lib/api/rest";
import { updateIncident } from "@/lib/incidents";
import { parseInput } from "@/lib/result";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  const id = parseInput(incidentIdSchema, params.id);
  return json(serializeIncident(await getIncidentById(db, { workspaceId: actor.workspaceId, id })));
});

/**
 * Edits fields and/or moves the status. The body carries the `version` it read: a stale one is a 409.
 * Status and fields may come together; they commit together or not at all.
 */
export const PATCH = callerRoute<{ id: string }>("incident:write", async ({ db, actor, request, params }) => {
  const { id } = params;
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

export const DELETE = callerRoute<{ id: string }>("incident:delete", async ({ db, actor, params }) => {
  return resultResponse(await deleteIncident(db, actor, params.id), 200);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT } = methodNotAllowed("GET", "PATCH", "DELETE", "HEAD");
