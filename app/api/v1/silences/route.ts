import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializeSilence } from "@/lib/api/alerts-rest";
import { createSilence, listSilences } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** Silences in force and pending first, then expired ones. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ items: (await listSilences(db, actor)).map(serializeSilence) }));

/** `{ matcher: { service?, source?, labels?, text? }, starts_at?, ends_at | duration_minutes, reason }`. */
export const POST = callerRoute("incident:write", async ({ db, actor, request }) =>
  resultResponse(await createSilence(db, actor, await readJson(request)), 201, serializeSilence),
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
