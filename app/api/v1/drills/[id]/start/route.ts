import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { startDrill, getDrillView } from "@/lib/drills";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Starts a planned drill: its scenario runs on its seed and speed, and the incident comes through intake. */
export const POST = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, params }) => {
  unwrap(await startDrill(db, actor, params.id));
  return json(deepSnake(await getDrillView(db, actor, params.id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
