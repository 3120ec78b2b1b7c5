import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { json, methodNotAllowed } from "@/lib/api/http";

export const dynamic = "force-dynamic";

/** Readiness: the database kind and that it answers a query. */
export async function GET() {
  const started = performance.now();
  try {
    const { db, kind } = await getDatabase();
    await db.execute(sql`select 1`);
    return json({ status: "ok", database: { kind, ok: true, latencyMs: Math.round(performance.now() - started) } });
  } catch {
    return json({ status: "error", database: { ok: false } }, 503);
  }
}

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
