import { getDb } from "@/db";
import { methodNotAllowed, route } from "@/lib/api/http";
import { presenceList, presenceUpdate } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => presenceList(await getDb(), request));
export const POST = route(async (request: Request) => presenceUpdate(await getDb(), request));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
