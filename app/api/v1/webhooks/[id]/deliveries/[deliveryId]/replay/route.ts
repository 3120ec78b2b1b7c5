import { callerRoute, methodNotAllowed, resultResponse } from "@/lib/api/http";
import { serializeDelivery } from "@/lib/api/oncall-rest";
import { replayDelivery } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** Sends a logged delivery's document again, as a new delivery in the log. */
export const POST = callerRoute<{ id: string; deliveryId: string }>("workspace:admin", async ({ db, actor, params }) =>
  resultResponse(await replayDelivery(db, actor, params.deliveryId), 202, serializeDelivery),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
