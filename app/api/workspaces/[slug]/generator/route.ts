import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getGeneratorStatus } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** The generator's status for the board toggle and Settings → Generator. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) => json(await getGeneratorStatus(db, actor), { headers: { "cache-control": "no-store" } }));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
