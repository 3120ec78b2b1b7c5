import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, searchParams } from "@/lib/api/http";
import { listDeadLetters } from "@/lib/intake/dead-letters";
import { cursorPageSchema } from "@/lib/intake/schemas";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Rejected intake requests, newest first: `?limit=50&before=<next_cursor>`. Admins only. */
export const GET = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const page = await listDeadLetters(db, actor, parseInput(cursorPageSchema, searchParams(request)));
  return json({ items: page.items.map((i) => keysToSnake(i)), next_cursor: page.nextCursor, total: page.total });
});
