"use server";

import { createDrill } from "@/lib/drills";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Creates a drill (planned); answers its id. */
export const createDrillAction = workspaceAction("drills.create", async ({ db, actor }, input: unknown) => mapResult(await createDrill(db, actor, input), (d) => ({ id: d.id })));
