import { callerRoute, methodNotAllowed, resultResponse } from "@/lib/api/http";
import { serializeSilence } from "@/lib/api/alerts-rest";
import { expireSilence } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** Expires the silence now; it stays listed as expired. */
export const DELETE = callerRoute<{ id: string }>("incident:write", async ({ db, actor, params }) =>
  resultResponse(await expireSilence(db, actor, params.id), 200, serializeSilence),
);

export const { GET, POST, PUT, PATCH } = methodNotAllowed("DELETE");
