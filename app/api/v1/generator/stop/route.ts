import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { serializeGeneratorStatus } from "@/lib/api/generator-rest";
import { unwrap } from "@/lib/result";
import { stopGenerator } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** Turns the workspace's generator off (a queued batch still runs). */
export const POST = callerRoute("simulation:run", async ({ db, actor }) => json(serializeGeneratorStatus(unwrap(await stopGenerator(db, actor)))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
