import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { loadWarRoom } from "@/lib/warroom";

export const dynamic = "force-dynamic";

/** The incident's merged timeline (alerts, status, notes, chat, diagnoses, agent steps), channels and @mentionables. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await loadWarRoom(db, actor, params.id), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
