import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { deleteDeadLetter, getDeadLetter } from "@/lib/intake";

export const dynamic = "force-dynamic";

export const GET = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  const { workspaceId: _ws, ...letter } = await getDeadLetter(db, actor, params.id);
  return json(keysToSnake(letter));
});

export const DELETE = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  return resultResponse(await deleteDeadLetter(db, actor, params.id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH } = methodNotAllowed("GET", "DELETE", "HEAD");
