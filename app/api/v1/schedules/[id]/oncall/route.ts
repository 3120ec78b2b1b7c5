import { z } from "zod";
import { callerRoute, json, methodNotAllowed, searchParams } from "@/lib/api/http";
import { serializeShift } from "@/lib/api/oncall-rest";
import { scheduleOnCall } from "@/lib/oncall";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

const querySchema = z.object({ at: z.coerce.date().optional() });

/** Who is on call on each layer at `at` (default now), overrides applied, and each layer's next three shifts. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const { at } = parseInput(querySchema, searchParams(request));
  const when = at ?? new Date();
  const { schedule, onCall, upcoming } = await scheduleOnCall(db, actor.workspaceId, params.id, when);
  return json({ schedule_id: schedule.id, at: when.toISOString(), on_call: onCall.map(serializeShift), next: upcoming.map(serializeShift) });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
