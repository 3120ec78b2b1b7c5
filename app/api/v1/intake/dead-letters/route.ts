import { getDb } from "@/db";
import { keysToSnake } from "@/lib/api/case";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { listDeadLetters } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

/** Rejected intake requests, newest first: `?limit=50&before=<next_cursor>`. Admins only. */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  const url = new URL(request.url);
  const page = await listDeadLetters(db, actor, {
    limit: Number(url.searchParams.get("limit") ?? 50) || 50,
    before: url.searchParams.get("before") ?? undefined,
  });
  return json({ items: page.items.map((i) => keysToSnake(i)), next_cursor: page.nextCursor, total: page.total });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
