"use server";

import { saveTopology } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Saves the edited topology (services, teams, tiers, dependencies) and the health threshold. */
export const saveTopologyAction = workspaceAction("simulation.saveTopology", ({ db, actor }, input: unknown) => saveTopology(db, actor, input));
