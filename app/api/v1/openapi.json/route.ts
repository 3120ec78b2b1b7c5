import { methodNotAllowed } from "@/lib/api/http";
import { createHash } from "node:crypto";
import { openApiDocument } from "@/lib/api/openapi/document";

let body: { text: string; etag: string } | undefined;

/** The OpenAPI 3.1 description of /api/v1: public, and the same until the app is redeployed. */
export function GET(request: Request): Response {
  body ??= (() => {
    const text = JSON.stringify(openApiDocument());
    return { text, etag: `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"` };
  })();
  const headers = {
    "content-type": "application/json",
    "cache-control": "public, max-age=300, stale-while-revalidate=86400",
    etag: body.etag,
    "access-control-allow-origin": "*",
  };
  if (request.headers.get("if-none-match") === body.etag) return new Response(null, { status: 304, headers });
  return new Response(body.text, { headers });
}

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
