import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { keysToCamel } from "@/lib/api/case";
import { serializeGeneratorStatus } from "@/lib/api/generator-rest";
import { unwrap } from "@/lib/result";
import { cancelBatch, scheduleBatch } from "@/lib/generator";

export const dynamic = "force-dynamic";

/** Queues a batch: `{ "count": 5, "interval_seconds": 3600, "templates": [] }`, the first one right away. */
export const POST = callerRoute("simulation:run", async ({ db, actor, request }) =>
  json(serializeGeneratorStatus(unwrap(await scheduleBatch(db, actor, keysToCamel(await readJson(request))))), 202),
);

/** Drops the queued batch. */
export const DELETE = callerRoute("simulation:run", async ({ db, actor }) => json(serializeGeneratorStatus(unwrap(await cancelBatch(db, actor)))));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH } = methodNotAllowed("POST", "DELETE");
