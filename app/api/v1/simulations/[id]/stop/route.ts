import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { stopSimulation } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

/** Stops a run: its faults end, the world heals, recovery events reach the incidents. */
export const POST = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, params }) => {
  return json(serializeSimulation(unwrap(await stopSimulation(db, actor, params.id))));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
