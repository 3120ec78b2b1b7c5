import { z } from "zod";
import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { simulationStatuses } from "@/db/schema";
import { parseInput } from "@/lib/result";
import { listSimulations } from "@/lib/simulation/queries";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

const listSchema = z.object({
  status: z.enum(simulationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The workspace's runs, newest first (`?status=running&limit=`). */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const input = parseInput(listSchema, Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listSimulations(db, actor.workspaceId, input);
  return json({ items: rows.map(serializeSimulation) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
