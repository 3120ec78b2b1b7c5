import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { oncallOverview } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** Schedules (on call now, two weeks of shifts), escalation policies and members: the on-call page. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) => json(await oncallOverview(db, actor.workspaceId), { headers: { "cache-control": "no-store" } }));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
