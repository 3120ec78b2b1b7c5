import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { getPlan } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** A plan with its steps' outputs and its checks' results. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => json(serializePlan(await getPlan(db, actor, params.id))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
