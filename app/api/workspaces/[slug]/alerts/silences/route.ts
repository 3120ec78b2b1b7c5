import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listSilences } from "@/lib/alerts";

export const dynamic = "force-dynamic";

export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) => json(await listSilences(db, actor), { headers: { "cache-control": "no-store" } }));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
