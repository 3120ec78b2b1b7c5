"use server";

import { deleteDeadLetter } from "@/lib/intake";
import { workspaceAction } from "@/lib/actions/define";

/** Deletes a stored rejected request (admins). */
export const deleteDeadLetterAction = workspaceAction("intake.deleteDeadLetter", ({ db, actor }, id: string) => deleteDeadLetter(db, actor, id));
