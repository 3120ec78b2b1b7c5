import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { acceptDrillDiagnosis, getDrillView } from "@/lib/drills";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The participants' accepted diagnosis `{ cause }` (a hypothesis' snake_case cause), scored at the end. */
export const POST = callerRoute<{ id: string }>("incident:write", async ({ db, actor, params, request }) => {
  unwrap(await acceptDrillDiagnosis(db, actor, params.id, await readJson(request)));
  return json(deepSnake(await getDrillView(db, actor, params.id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
