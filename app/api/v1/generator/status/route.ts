import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { serializeGeneratorStatus } from "@/lib/api/generator-rest";
import { getGeneratorStatus } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** Whether the generator runs, its interval, when the next incident comes, and a queued batch. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json(serializeGeneratorStatus(await getGeneratorStatus(db, actor))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
