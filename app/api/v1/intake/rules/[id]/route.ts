import { callerRoute, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { deleteRule } from "@/lib/intake";

export const dynamic = "force-dynamic";

export const DELETE = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  return resultResponse(await deleteRule(db, actor, params.id));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, POST, PUT, PATCH } = methodNotAllowed("DELETE");
