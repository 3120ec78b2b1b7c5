import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listRunbooks } from "@/lib/runbooks";

export const dynamic = "force-dynamic";

/** The runbook library of the workspace, for the runbooks page. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json({ runbooks: await listRunbooks(db, actor.workspaceId) }, { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
