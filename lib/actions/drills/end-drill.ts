"use server";

import { endDrill } from "@/lib/drills";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Ends a running drill and scores it. */
export const endDrillAction = workspaceAction("drills.end", async ({ db, actor }, id: string) => mapResult(await endDrill(db, actor, id), (d) => ({ id: d.id, totalScore: d.totalScore })));
