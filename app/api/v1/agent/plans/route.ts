import { callerRoute, json, searchParams } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { listPlans } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** The workspace's plans: `?status=awaiting_approval` is the approvals inbox (oldest first). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const { items, total } = await listPlans(db, actor, searchParams(request));
  return json({ items: items.map(serializePlan), total });
});
