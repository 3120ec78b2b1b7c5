"use server";

import { replayDeadLetter } from "@/lib/intake";
import { workspaceAction } from "@/lib/actions/define";

/** Sends a rejected body through its integration again. */
export const replayDeadLetterAction = workspaceAction("intake.replayDeadLetter", ({ db, actor }, id: string) => replayDeadLetter(db, actor, id));
