import { getDb } from "@/db";
import { methodNotAllowed, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { replayDeadLetter } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Sends the stored body through its integration again (after the mapping or the sender was fixed). */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  return resultResponse(await replayDeadLetter(db, actor, (await ctx.params).id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
