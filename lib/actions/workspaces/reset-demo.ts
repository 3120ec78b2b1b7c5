"use server";

import { resetDemoWorkspace } from "@/lib/workspaces";
import { workspaceAction } from "@/lib/actions/define";

/** Resets the demo workspace to its sample incidents (admins of the demo workspace). */
export const resetDemoAction = workspaceAction("workspaces.resetDemo", ({ db, actor }) => resetDemoWorkspace(db, actor));
