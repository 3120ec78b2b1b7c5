import { eq } from "drizzle-orm";
import { incidents, memberships, users, type Incident, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { getSimulation, manualClock, startSimulation, tickSimulations } from "@/lib/simulation";

export type Clock = ReturnType<typeof manualClock>;

/** A workspace with an admin, a responder and a viewer (actors as the caller would resolve them). */
export async function workspaceWithTeam(db: Database, slug: string, kind: "team" | "demo" = "team") {
  const ws = await insertWorkspace(db, { slug, name: slug, kind });
  const member = async (name: string, role: "admin" | "responder" | "viewer"): Promise<Actor> => {
    const [u] = await db.insert(users).values({ email: `${name.toLowerCase()}-${slug}@example.com`, name }).returning();
    await db.insert(memberships).values({ workspaceId: ws.id, userId: u.id, role });
    return { kind: "user", id: u.id, name, workspaceId: ws.id, role };
  };
  return { workspace: ws, admin: await member("Ada", "admin"), responder: await member("Rui", "responder"), viewer: await member("Vic", "viewer") };
}

/** Ticks a run one health-check interval (5 s of world time) at a time. */
export async function tickFor(db: Database, id: string, clock: Clock, worldSeconds: number, speed: number, workspaceId: string): Promise<SimulationRow> {
  for (let s = 0; s < worldSeconds; s += 5) {
    clock.advance(5000 / speed);
    await tickSimulations(db, { now: clock.now(), ids: [id] });
  }
  return getSimulation(db, { workspaceId, id });
}

/**
 * Starts a drill and runs it until its root service's incident is open (at most `maxSeconds` of
 * world time): the incident a responder would plan for.
 */
export async function drillUntilIncident(
  db: Database,
  actor: Actor,
  scenarioId: string,
  options: { seed?: number; speed?: number; maxSeconds?: number; clock?: Clock } = {},
): Promise<{ run: SimulationRow; incident: Incident; clock: Clock }> {
  const clock = options.clock ?? manualClock();
  const speed = options.speed ?? 1;
  const started = await startSimulation(db, actor, scenarioId, { seed: options.seed ?? 7, speed }, { clock });
  if (!started.ok) throw new Error(started.error);
  let run = started.data;
  for (let t = 0; t < (options.maxSeconds ?? 600); t += 5) {
    run = await tickFor(db, run.id, clock, 5, speed, actor.workspaceId);
    const ref = run.state.incidents.find((i) => i.service === run.rootService);
    if (ref) {
      const [incident] = await db.select().from(incidents).where(eq(incidents.id, ref.id));
      return { run, incident, clock };
    }
  }
  throw new Error(`${scenarioId} opened no incident on its root service`);
}
