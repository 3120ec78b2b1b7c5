import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { endDrill, getDrillView } from "@/lib/drills";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Ends a running drill: its runs stop, and its score and debrief are stored. Ending an ended drill returns it. */
export const POST = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, params }) => {
  unwrap(await endDrill(db, actor, params.id));
  return json(deepSnake(await getDrillView(db, actor, params.id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
