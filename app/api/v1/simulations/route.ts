import { getDb } from "@/db";
import { json, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { parseInput } from "@/lib/result";
import { listSimulations } from "@/lib/simulation/queries";
import { listSimulationsSchema } from "@/lib/simulation/schemas";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

/** The workspace's runs, newest first (`?status=running&limit=`). */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const input = parseInput(listSimulationsSchema, Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listSimulations(db, actor.workspaceId, input);
  return json({ items: rows.map(serializeSimulation) });
});
