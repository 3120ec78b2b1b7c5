import { callerRoute, json, methodNotAllowed, searchParams } from "@/lib/api/http";
import { serializeSignalPage } from "@/lib/api/alerts-rest";
import { listSignals } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** Every signal intake received, newest first: `?state=&source=&service=&q=&limit=&cursor=`. */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => json(serializeSignalPage(await listSignals(db, actor, searchParams(request)))));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
