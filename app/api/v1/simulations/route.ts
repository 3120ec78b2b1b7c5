import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { serializeSimulation } from "@/lib/api/rest";
import { parseInput } from "@/lib/result";
import { listSimulations } from "@/lib/simulation";
import { listSimulationsSchema } from "@/lib/simulation/shared";

export const dynamic = "force-dynamic";

/** The workspace's runs, newest first (`?status=running&limit=`). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const input = parseInput(listSimulationsSchema, searchParams(request));
  const rows = await listSimulations(db, actor.workspaceId, input);
  return json({ items: rows.map(serializeSimulation) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
