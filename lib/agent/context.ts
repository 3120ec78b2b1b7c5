import type { AgentSettings, Incident, RemediationMode, SimulationRow } from "@/db/schema";
import type { PlanWorld } from "@/db/schema/agent";
import type { Database } from "@/db/client";
import { systemActor, type Actor } from "@/lib/auth/shared";
import { findRun, getWorkspaceWorld, runningRunsWith, runWorldTime, simulationIdSchema } from "@/lib/simulation";
import type { Topology } from "@/lib/topology";
import { readAgentSettings } from "./settings";

export const AGENT_NAME = "SRE agent";

/** The agent acts in a workspace as the system, under its own name (history shows it, with the approver). */
export function agentActor(workspaceId: string): Actor {
  return systemActor(workspaceId, AGENT_NAME);
}

export const NO_CONNECTOR =
  "Executing against real systems needs a connector that does not exist yet: the agent plans and explains, and people carry out the steps.";

/** What a plan is made against: the world it would act in, the topology, the mode and the policy. */
export type PlanContext = {
  incident: Incident | null;
  /** The system the incident is about (a service, or e.g. postgresql-bloat). */
  incidentSystem: string | null;
  /** The running drill the plan acts in (null: nothing to act on). */
  run: SimulationRow | null;
  world: PlanWorld;
  topology: Topology;
  threshold: number;
  /** The effective remediation mode: advisory whenever there is no world to act on. */
  mode: RemediationMode;
  notice: string | null;
  /** World time of the run at planning. */
  t0: number | null;
  settings: AgentSettings;
};

/**
 * Finds the world behind an incident (its drill, from `metadata.simulation_id`) or a system (the
 * newest running drill that has it). Without a running drill the plan is advisory: real systems
 * have no connector, and a finished drill has no world left.
 */
export async function loadContext(
  db: Database,
  workspaceId: string,
  target: { incident: Incident | null; simulationId?: string; service?: string },
  now: Date,
): Promise<PlanContext> {
  const settings = await readAgentSettings(db, workspaceId);
  const { incident } = target;
  const fromMetadata = incident?.metadata?.simulation_id;
  const simulationId = target.simulationId ?? (typeof fromMetadata === "string" && simulationIdSchema.safeParse(fromMetadata).success ? fromMetadata : undefined);
  let run = simulationId ? ((await findRun(db, { workspaceId, id: simulationId })) ?? null) : null;
  if (!run && !incident && target.service) run = (await runningRunsWith(db, workspaceId, target.service))[0] ?? null;
  const system = typeof incident?.metadata?.system === "string" ? incident.metadata.system : (incident?.service ?? target.service ?? null);
  if (run) {
    const topology = run.topology as unknown as Topology;
    const live = run.status === "running";
    const mode: RemediationMode = !live ? "advisory" : (incident?.remediationMode ?? "manual");
    const notice = !live
      ? `The drill behind this incident has ${run.status === "completed" ? "completed" : "been stopped"}: there is no world left to act on.`
      : mode === "advisory"
        ? "This incident's remediation mode is advisory: the agent never executes; carry out the steps by hand."
        : null;
    return { incident, incidentSystem: system, run: live ? run : null, world: "simulated", topology, threshold: run.healthThreshold, mode, notice, t0: live ? runWorldTime(run, now) : null, settings };
  }
  const { topology, threshold } = await getWorkspaceWorld(db, workspaceId);
  return { incident, incidentSystem: system, run: null, world: "real", topology, threshold, mode: "advisory", notice: NO_CONNECTOR, t0: null, settings };
}
