import { getDb } from "@/db";
import { keysToSnake } from "@/lib/api/case";
import { json, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { listDeadLetters } from "@/lib/intake/dead-letters";
import { cursorPageSchema } from "@/lib/intake/schemas";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Rejected intake requests, newest first: `?limit=50&before=<next_cursor>`. Admins only. */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  const page = await listDeadLetters(db, actor, parseInput(cursorPageSchema, Object.fromEntries(new URL(request.url).searchParams)));
  return json({ items: page.items.map((i) => keysToSnake(i)), next_cursor: page.nextCursor, total: page.total });
});
