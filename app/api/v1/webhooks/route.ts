import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializeWebhook } from "@/lib/api/oncall-rest";
import { createWebhook, listWebhooks } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** The workspace's outbound webhooks (secrets are never shown again). */
export const GET = callerRoute("workspace:admin", async ({ db, actor }) => json({ items: (await listWebhooks(db, actor)).map(serializeWebhook) }));

/** Adds a webhook; the answer carries its signing secret, once. */
export const POST = callerRoute("workspace:admin", async ({ db, actor, request }) =>
  resultResponse(await createWebhook(db, actor, await readJson(request, 16 * 1024)), 201, (r) => ({ ...serializeWebhook(r.webhook), secret: r.secret })),
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
