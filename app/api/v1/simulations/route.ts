import { z } from "zod";
import { callerRoute, json, searchParams } from "@/lib/api/http";
import { simulationStatuses } from "@/db/schema";
import { parseInput } from "@/lib/result";
import { listSimulations } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

const listSchema = z.object({
  status: z.enum(simulationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The workspace's runs, newest first (`?status=running&limit=`). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const input = parseInput(listSchema, searchParams(request));
  const rows = await listSimulations(db, actor.workspaceId, input);
  return json({ items: rows.map(serializeSimulation) });
});
