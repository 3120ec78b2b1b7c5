"use server";

import { createWebhook, deleteWebhook, replayDelivery, updateWebhook } from "@/lib/notifications";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Adds a webhook; the secret is shown once. */
export const createWebhookAction = workspaceAction("notifications.createWebhook", async ({ db, actor }, input: { url: string; events?: string[] }) =>
  mapResult(await createWebhook(db, actor, input), (r) => ({ id: r.webhook.id, secret: r.secret })),
);

export const updateWebhookAction = workspaceAction("notifications.updateWebhook", async ({ db, actor }, id: string, input: { enabled: boolean }) =>
  mapResult(await updateWebhook(db, actor, id, input), (h) => ({ id: h.id, enabled: h.enabled })),
);

export const deleteWebhookAction = workspaceAction("notifications.deleteWebhook", async ({ db, actor }, id: string) => deleteWebhook(db, actor, id));

export const replayDeliveryAction = workspaceAction("notifications.replayDelivery", async ({ db, actor }, deliveryId: string) =>
  mapResult(await replayDelivery(db, actor, deliveryId), (d) => ({ id: d.id })),
);
