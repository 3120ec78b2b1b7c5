import { getDb } from "@/db";
import { keysToSnake } from "@/lib/api/case";
import { json, methodNotAllowed, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { deleteDeadLetter, getDeadLetter } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  const { workspaceId: _ws, ...letter } = await getDeadLetter(db, actor, (await ctx.params).id);
  return json(keysToSnake(letter));
});

export const DELETE = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  return resultResponse(await deleteDeadLetter(db, actor, (await ctx.params).id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH } = methodNotAllowed("GET", "DELETE", "HEAD");
