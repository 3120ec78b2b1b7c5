import { callerRoute, json, parseJson, readBody, methodNotAllowed } from "@/lib/api/http";
import { authorizePusherChannel } from "@/lib/api/realtime";

export const dynamic = "force-dynamic";

/** pusher-js's channel authorization (a form or JSON `{ socket_id, channel_name }`), for the workspace's own channels. */
export const POST = callerRoute<{ slug: string }>(
  "incident:read",
  async ({ actor, workspace, request }) => {
    const text = await readBody(request, 4096);
    const input = (request.headers.get("content-type") ?? "").includes("json") ? parseJson(text) : Object.fromEntries(new URLSearchParams(text));
    return json(authorizePusherChannel({ actor, workspace }, input));
  },
  // Signing a subscription changes no workspace data: not a demo write.
  { demoWrite: false },
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
