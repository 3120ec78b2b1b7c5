import { callerRoute, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { replayDeadLetter } from "@/lib/intake";

export const dynamic = "force-dynamic";

/** Sends the stored body through its integration again (after the mapping or the sender was fixed). */
export const POST = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  return resultResponse(await replayDeadLetter(db, actor, params.id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
