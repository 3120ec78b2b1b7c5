import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { exportConversation } from "@/lib/warroom";

export const dynamic = "force-dynamic";

/** The incident's conversation (alerts and chat) in the on-call conversation format. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => json(await exportConversation(db, actor, params.id)));

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
