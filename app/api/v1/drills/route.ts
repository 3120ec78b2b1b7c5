import { keysToCamel } from "@/lib/api/case";
import { callerRoute, json, methodNotAllowed, readJson, searchParams } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { createDrill, getDrillView, listDrills, toDrillListItem } from "@/lib/drills";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The workspace's drills, newest first (`?participant=<user id>`: one person's history). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const participant = searchParams(request).participant;
  const uuid = /^[0-9a-f-]{36}$/i.test(participant ?? "") ? participant : undefined;
  const items = participant && !uuid ? [] : await listDrills(db, actor, { participantId: uuid });
  return json({ items: items.map((d) => deepSnake(toDrillListItem(d))) });
});

/** Creates a drill (planned): `scenario_id` or `difficulty`, `participant_ids`, `speed`, `seed`, `ai_assistance`, or `rerun_of`. */
export const POST = callerRoute("simulation:run", async ({ db, actor, request }) => {
  const drill = unwrap(await createDrill(db, actor, keysToCamel(await readJson(request))));
  return json(deepSnake(await getDrillView(db, actor, drill.id)), 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
