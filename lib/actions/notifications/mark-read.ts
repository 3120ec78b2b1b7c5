"use server";

import { markNotificationsRead } from "@/lib/notifications";
import { workspaceAction } from "@/lib/actions/define";

/** Marks inbox notifications read (`ids`, or `all`). */
export const markNotificationsReadAction = workspaceAction("notifications.markRead", async ({ db, actor }, input: { ids?: string[]; all?: boolean }) =>
  markNotificationsRead(db, actor, input),
);
