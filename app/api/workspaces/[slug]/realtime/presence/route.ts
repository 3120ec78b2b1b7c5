import { callerRoute, json, parseJson, readBody, searchParams, methodNotAllowed } from "@/lib/api/http";
import { roomMembers, updatePresence } from "@/lib/api/realtime";

export const dynamic = "force-dynamic";

/** Who is in a room (`?room=board`). */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, workspace, request }) =>
  json(await roomMembers(db, { actor, workspace }, searchParams(request).room), { headers: { "cache-control": "no-store" } }),
);

/** `{ room, connectionId, action: "join" | "leave" }`; "leave" also comes by navigator.sendBeacon on page hide. */
export const POST = callerRoute<{ slug: string }>(
  "incident:read",
  async ({ db, actor, workspace, request }) => json(await updatePresence(db, { actor, workspace }, parseJson(await readBody(request, 4096)))),
  // Presence changes no workspace data: a guest's heartbeats do not count against the demo's write budget.
  { demoWrite: false },
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
