import "server-only";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { authenticateApiKey } from "./api-keys";
import { assertCan, type Permission } from "./permissions";
import { getSessionActorForRequest } from "./current-actor";

/** The key a machine presented: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(request: Request): string | undefined {
  const auth = request.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (match) return match[1].trim();
  }
  return request.headers.get("x-api-key")?.trim() || undefined;
}

/**
 * Resolves who is calling a REST route — an API key, or else a signed-in browser session — and
 * checks they may do `permission`. Missing or revoked key: 401; wrong scope or role: 403.
 */
export async function requireRequestActor(db: Database, request: Request, permission: Permission): Promise<Actor> {
  const key = presentedApiKey(request);
  const actor = key ? await authenticateApiKey(db, key) : await getSessionActorForRequest(db, request);
  if (!actor) {
    throw new AppError("unauthorized:api_key", "Authentication required: send `Authorization: Bearer <api key>`.");
  }
  assertCan(actor, permission);
  return actor;
}
