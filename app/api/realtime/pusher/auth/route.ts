import { getDb } from "@/db";
import { methodNotAllowed, route } from "@/lib/api/http";
import { pusherAuth } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const POST = route(async (request: Request) => pusherAuth(await getDb(), request));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
