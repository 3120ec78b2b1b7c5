import { getDb } from "@/db";
import { route } from "@/lib/api/http";
import { pusherAuth } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const POST = route(async (request: Request) => pusherAuth(await getDb(), request));
