import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { serializeDelivery } from "@/lib/api/oncall-rest";
import { listDeliveries } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** The webhook's delivery log, newest first: each attempt with its response code or error. */
export const GET = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) =>
  json({ items: (await listDeliveries(db, actor, params.id)).map(serializeDelivery) }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
