import { keysToSnake } from "@/lib/api/case";
import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { listDeadLetters } from "@/lib/intake";
import { cursorPageSchema } from "@/lib/intake/shared";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Rejected intake requests, newest first: `?limit=50&before=<next_cursor>`. Admins only. */
export const GET = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const page = await listDeadLetters(db, actor, parseInput(cursorPageSchema, searchParams(request)));
  return json({ items: page.items.map((i) => keysToSnake(i)), next_cursor: page.nextCursor, total: page.total });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
