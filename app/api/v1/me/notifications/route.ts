import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { serializeInbox } from "@/lib/api/oncall-rest";
import { assertUser, getInbox, getRules, setRules } from "@/lib/notifications";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The signed-in member's inbox (newest first, unread count) and notification rules. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => {
  assertUser(actor);
  return json(serializeInbox(await getInbox(db, actor), await getRules(db, actor)));
});

/** Replaces the member's channels for the events given: `{ "rules": [{ "event": "paged", "channels": ["inbox", "email"] }] }`. */
export const PUT = callerRoute("incident:read", async ({ db, actor, request }) => {
  const rules = unwrap(await setRules(db, actor, await readJson(request, 16 * 1024)));
  return json({ rules: rules.map((r) => ({ event: r.event, channels: r.channels, custom: r.custom })) });
});

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT", "HEAD");
