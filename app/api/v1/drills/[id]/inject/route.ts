import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { getDrillView, injectDrillFault } from "@/lib/drills";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The facilitator injects a second fault `{ system, failure }` into a running drill. */
export const POST = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, params, request }) => {
  unwrap(await injectDrillFault(db, actor, params.id, await readJson(request)));
  return json(deepSnake(await getDrillView(db, actor, params.id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
