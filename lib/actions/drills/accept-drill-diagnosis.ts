"use server";

import { acceptDrillDiagnosis } from "@/lib/drills";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** The participants accept a diagnosis (a cause) for the drill's incident. */
export const acceptDrillDiagnosisAction = workspaceAction("drills.acceptDiagnosis", async ({ db, actor }, id: string, cause: string) =>
  mapResult(await acceptDrillDiagnosis(db, actor, id, { cause }), (d) => ({ id: d.id, acceptedCause: d.acceptedCause })),
);
