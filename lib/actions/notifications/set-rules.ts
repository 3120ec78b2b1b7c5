"use server";

import { setRules } from "@/lib/notifications";
import type { NotificationChannelName, NotificationEventName } from "@/lib/notifications/shared";
import { workspaceAction } from "@/lib/actions/define";

/** Saves the caller's channel per event. */
export const setNotificationRulesAction = workspaceAction(
  "notifications.setRules",
  async ({ db, actor }, input: { rules: { event: NotificationEventName; channels: NotificationChannelName[] }[] }) => setRules(db, actor, input),
);
