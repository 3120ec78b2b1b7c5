"use server";

import { startDrill } from "@/lib/drills";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Starts a planned drill. */
export const startDrillAction = workspaceAction("drills.start", async ({ db, actor }, id: string) => mapResult(await startDrill(db, actor, id), (d) => ({ id: d.id, status: d.status })));
