import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { similarIncidents } from "@/lib/alerts";

export const dynamic = "force-dynamic";

export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await similarIncidents(db, actor, params.id), { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
