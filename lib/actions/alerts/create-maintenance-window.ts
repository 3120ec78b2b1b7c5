"use server";

import { createMaintenanceWindow } from "@/lib/alerts";
import type { CreateMaintenanceWindowInput } from "@/lib/alerts/shared";
import { workspaceAction } from "@/lib/actions/define";

/** Creates a maintenance window (Settings → Maintenance). */
export const createMaintenanceWindowAction = workspaceAction("alerts.createMaintenanceWindow", ({ db, actor }, input: CreateMaintenanceWindowInput) =>
  createMaintenanceWindow(db, actor, input),
);
