import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json } from "@/lib/api/http";
import { listDeadLetters } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

/** Rejected intake requests, newest first: `?limit=50&before=<next_cursor>`. Admins only. */
export const GET = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const url = new URL(request.url);
  const page = await listDeadLetters(db, actor, {
    limit: Number(url.searchParams.get("limit") ?? 50) || 50,
    before: url.searchParams.get("before") ?? undefined,
  });
  return json({ items: page.items.map((i) => keysToSnake(i)), next_cursor: page.nextCursor, total: page.total });
});
