import { getDb } from "@/db";
import { route } from "@/lib/api/http";
import { realtimeConfig } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => realtimeConfig(await getDb(), request));
