import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { keysToCamel } from "@/lib/api/case";
import { unwrap } from "@/lib/result";
import { loadWarRoom, postMessage } from "@/lib/warroom";

export const dynamic = "force-dynamic";

/** The incident's chat messages, oldest first. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  const room = await loadWarRoom(db, actor, params.id);
  return json({
    channels: room.channels,
    items: room.items
      .filter((i) => i.kind === "chat")
      .map((i) => ({ id: i.id, at: i.at, author: i.author.name, channel: i.channel ?? null, body: i.body, thread_parent_id: i.threadParentId ?? null, mentions: i.mentions ?? [], reactions: i.reactions ?? {} })),
  });
});

/** Posts a message: `{ "body": "…", "channel": "#checkout-oncall", "thread_parent_id": null }`. */
export const POST = callerRoute<{ id: string }>("incident:write", async ({ db, actor, params, request }) => {
  const entry = unwrap(await postMessage(db, actor, params.id, keysToCamel(await readJson(request))));
  return json({ id: entry.id, at: entry.createdAt.toISOString(), channel: entry.data.channel, body: entry.body, mentions: entry.data.mentions }, 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD", "POST");
