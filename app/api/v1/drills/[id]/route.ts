import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { getDrillView } from "@/lib/drills";

export const dynamic = "force-dynamic";

/** A drill with its `score` (null until it ends) and its debrief. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => json(deepSnake(await getDrillView(db, actor, params.id))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
