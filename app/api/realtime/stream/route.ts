import { getDb } from "@/db";
import { route } from "@/lib/api/http";
import { realtimeStream } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => realtimeStream(await getDb(), request));
