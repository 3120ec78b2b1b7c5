import "server-only";
import { getDb } from "@/db";
import type { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordDeadLetter } from "@/lib/intake";
import type { RequestContext } from "./request-context";

const log = logger("api");

/**
 * Keeps the body of a REST request the database refused (a data exception that got past
 * validation) as a dead letter of the caller's workspace, for an admin to inspect. Only a caller
 * the route resolved has a workspace to keep it in; never throws.
 */
export async function recordRouteDeadLetter(request: Request, context: RequestContext, error: AppError): Promise<void> {
  try {
    if (context.bodyText === undefined || !context.workspaceId) return;
    const db = await getDb();
    await recordDeadLetter(db, context.workspaceId, {
      source: `${request.method} ${new URL(request.url).pathname}`,
      status: error.status,
      reason: `${error.message} (request ${context.requestId})`,
      issues: error.issues,
      body: context.bodyText,
      contentType: context.contentType,
    });
  } catch (err) {
    log.error({ err, requestId: context.requestId }, "could not keep the refused body as a dead letter");
  }
}
