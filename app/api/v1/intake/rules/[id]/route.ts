import { callerRoute, resultResponse } from "@/lib/api/http";
import { deleteRule } from "@/lib/intake/rules";

export const dynamic = "force-dynamic";

export const DELETE = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => {
  return resultResponse(await deleteRule(db, actor, params.id));
});
