"use server";

import { resetTopology } from "@/lib/simulation/store";
import { workspaceAction } from "@/lib/actions/define";

/** Puts the default topology back. */
export const resetTopologyAction = workspaceAction("simulation.resetTopology", ({ db, actor }) => resetTopology(db, actor));
