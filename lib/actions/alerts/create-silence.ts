"use server";

import { createSilence } from "@/lib/alerts";
import type { CreateSilenceInput } from "@/lib/alerts/shared";
import { workspaceAction } from "@/lib/actions/define";

/** Creates a silence (the alerts page's "Silence" dialog, prefilled from an alert's row). */
export const createSilenceAction = workspaceAction("alerts.createSilence", ({ db, actor }, input: CreateSilenceInput) => createSilence(db, actor, input));
