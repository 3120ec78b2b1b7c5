import { json, methodNotAllowed, route } from "@/lib/api/http";
import { postmortemJsonSchema } from "@/lib/postmortems/shared";

export const dynamic = "force-static";

/** The JSON Schema that `GET /api/v1/incidents/{id}/postmortem?format=json` documents validate against. */
export const GET = route(async () => json(postmortemJsonSchema, { headers: { "content-type": "application/schema+json" } }));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
