import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { keysToSnake } from "@/lib/api/case";
import { similarIncidents } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** The most similar past incidents: same fingerprint, then same service, then similar text. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) =>
  json({ items: (await similarIncidents(db, actor, params.id)).map((s) => keysToSnake(s)) }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
