import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { listPlans } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** The workspace's plans: `?status=awaiting_approval` is the approvals inbox (oldest first). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const { items, total } = await listPlans(db, actor, searchParams(request));
  return json({ items: items.map(serializePlan), total });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
