import type { Metadata } from "next";
import { getDb } from "@/db";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { pageCaller } from "@/lib/api/caller";
import { deliveryView, getRules, listDeliveries, listWebhooks, webhookView } from "@/lib/notifications";
import { env } from "@/env";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationsSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/notifications" });
  const db = await getDb();
  const isUser = actor.kind === "user";
  const isAdmin = isUser && actor.role === "admin";
  const rules = isUser ? await getRules(db, actor) : [];
  const hooks = isAdmin ? await listWebhooks(db, actor) : [];
  const logs = isAdmin ? await Promise.all(hooks.map(async (h) => [h.id, (await listDeliveries(db, actor, h.id, { limit: 20 })).map(deliveryView)] as const)) : [];
  return (
    <NotificationSettings
      workspaceSlug={workspace.slug}
      rules={rules}
      emailConfigured={!!env().SMTP_URL}
      webhooks={isAdmin ? hooks.map(webhookView) : null}
      deliveries={Object.fromEntries(logs)}
    />
  );
}
