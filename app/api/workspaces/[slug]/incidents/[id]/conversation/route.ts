import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { exportConversation } from "@/lib/warroom";

export const dynamic = "force-dynamic";

/** The incident's conversation as a JSON download in the on-call conversation format. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) => {
  const doc = await exportConversation(db, actor, params.id);
  return json(doc, { headers: { "cache-control": "no-store", "content-disposition": `attachment; filename="${doc.scenario_id}-conversation.json"` } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
