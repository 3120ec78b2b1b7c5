import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { deepKeysToCamel, serializeSchedule } from "@/lib/api/oncall-rest";
import { createSchedule, listSchedules } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** The workspace's on-call schedules. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ items: (await listSchedules(db, actor.workspaceId)).map(serializeSchedule) }));

/** Creates a schedule: layers (primary first) of members taking turns, handing off daily or weekly at a local time. */
export const POST = callerRoute("workspace:admin", async ({ db, actor, request }) =>
  resultResponse(await createSchedule(db, actor, deepKeysToCamel(await readJson(request, 64 * 1024))), 201, serializeSchedule),
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
