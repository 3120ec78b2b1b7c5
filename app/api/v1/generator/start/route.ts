import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { serializeGeneratorStatus } from "@/lib/api/generator-rest";
import { unwrap } from "@/lib/result";
import { startGenerator } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** Turns the workspace's generator on: the next incident comes within its interval. */
export const POST = callerRoute("simulation:run", async ({ db, actor }) => json(serializeGeneratorStatus(unwrap(await startGenerator(db, actor)))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
