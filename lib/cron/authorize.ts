import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Cron routes are called by Vercel Cron or any scheduler with `Authorization: Bearer $CRON_SECRET`.
 * Without CRON_SECRET configured the routes are closed (the in-process scheduler does the work).
 */
export function authorizeCron(request: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) throw new AppError("forbidden:cron", "Cron routes are disabled: set CRON_SECRET to enable them.");
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError("unauthorized:cron", "Invalid cron secret.");
}
