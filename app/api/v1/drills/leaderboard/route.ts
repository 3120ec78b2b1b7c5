import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { drillLeaderboard } from "@/lib/drills";

export const dynamic = "force-dynamic";

/** Per participant over the workspace's ended drills: drills, best and average score, median time to acknowledge. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ items: (await drillLeaderboard(db, actor)).map(deepSnake) }));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
