import { getDb } from "@/db";
import { methodNotAllowed, route } from "@/lib/api/http";
import { realtimeConfig } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => realtimeConfig(await getDb(), request));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
