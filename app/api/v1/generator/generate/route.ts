import { callerRoute, json, methodNotAllowed, readOptionalJson } from "@/lib/api/http";
import { serializeGenerated } from "@/lib/api/generator-rest";
import { unwrap } from "@/lib/result";
import { generateIncident } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** Generates one incident now (`{ "template": "redis-memory" }`, or a drawn one): 201 with the incident. */
export const POST = callerRoute("simulation:run", async ({ db, actor, request }) =>
  json(serializeGenerated(unwrap(await generateIncident(db, actor, (await readOptionalJson(request)) ?? {}))), 201),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
