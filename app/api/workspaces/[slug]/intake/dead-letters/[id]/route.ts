import { callerRoute, json } from "@/lib/api/http";
import { getDeadLetter } from "@/lib/intake/dead-letters";

export const dynamic = "force-dynamic";

/** The full stored body of a dead letter (the list only carries a preview). Admins. */
export const GET = callerRoute<{ slug: string; id: string }>("workspace:admin", async ({ db, actor, params }) => {
  const letter = await getDeadLetter(db, actor, params.id);
  return json({ id: letter.id, body: letter.body });
});
