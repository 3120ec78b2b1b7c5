import { getDb } from "@/db";
import { methodNotAllowed, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { deleteRule } from "@/lib/intake/rules";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const DELETE = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  return resultResponse(await deleteRule(db, actor, (await ctx.params).id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, POST, PUT, PATCH } = methodNotAllowed("DELETE");
