import { getDb } from "@/db";
import { route } from "@/lib/api/http";
import { presenceList, presenceUpdate } from "@/lib/realtime/handlers";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => presenceList(await getDb(), request));
export const POST = route(async (request: Request) => presenceUpdate(await getDb(), request));
