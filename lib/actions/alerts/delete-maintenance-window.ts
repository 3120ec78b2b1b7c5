"use server";

import { deleteMaintenanceWindow } from "@/lib/alerts";
import { workspaceAction } from "@/lib/actions/define";

/** Deletes a maintenance window. */
export const deleteMaintenanceWindowAction = workspaceAction("alerts.deleteMaintenanceWindow", ({ db, actor }, id: string) => deleteMaintenanceWindow(db, actor, id));
