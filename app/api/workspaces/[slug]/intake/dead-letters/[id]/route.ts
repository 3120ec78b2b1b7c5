import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getDeadLetter } from "@/lib/intake";

export const dynamic = "force-dynamic";

/** The full stored body of a dead letter (the list only carries a preview). Admins. */
export const GET = callerRoute<{ slug: string; id: string }>("workspace:admin", async ({ db, actor, params }) => {
  const letter = await getDeadLetter(db, actor, params.id);
  return json({ id: letter.id, body: letter.body });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
