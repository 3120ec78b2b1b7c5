"use server";

import { resetTopology } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Puts the default topology back. */
export const resetTopologyAction = workspaceAction("simulation.resetTopology", ({ db, actor }) => resetTopology(db, actor));
