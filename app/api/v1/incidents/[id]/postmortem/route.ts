import { keysToCamel } from "@/lib/api/case";
import { callerRoute, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { postmortemExportResponse } from "@/lib/api/postmortem-export";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { createPostmortem, postmortemJson, updatePostmortem } from "@/lib/postmortems";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The incident's post-mortem: `?format=json` (default, per /api/v1/postmortems/schema), `md` or `pdf`. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params, request }) =>
  postmortemExportResponse(db, actor.workspaceId, parseInput(incidentIdSchema, params.id), request),
);

/** Creates the draft from the incident's records: 422 unless resolved, 409 when one exists. */
export const POST = callerRoute<{ id: string }>("postmortem:write", async ({ db, actor, params }) =>
  resultResponse(await createPostmortem(db, actor, params.id), 201, postmortemJson),
);

/** Edits sections (`body`, `accepted`), the title, or the status; carries `version` (stale: 409). */
export const PATCH = callerRoute<{ id: string }>("postmortem:write", async ({ db, actor, params, request }) =>
  resultResponse(await updatePostmortem(db, actor, params.id, keysToCamel(await readJson(request))), 200, postmortemJson),
);

export const { PUT, DELETE } = methodNotAllowed("GET", "POST", "PATCH");
