import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, resultResponse } from "@/lib/api/http";
import { deleteDeadLetter, getDeadLetter } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

export const GET = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  const { workspaceId: _ws, ...letter } = await getDeadLetter(db, actor, params.id);
  return json(keysToSnake(letter));
});

export const DELETE = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  return resultResponse(await deleteDeadLetter(db, actor, params.id));
});
