import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every route answers every method: the ones it serves, and a JSON 405 naming them for the rest
 * (`methodNotAllowed` in lib/api/http.ts; Next's own 405 has an empty body that no client can read).
 */
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}

describe("API routes", () => {
  // next-auth's own handler answers its methods itself.
  const files = routeFiles(path.resolve("app/api")).filter((f) => !f.includes("[...nextauth]"));

  it.each(files.map((f) => [path.relative(process.cwd(), f)]))("%s answers every method", (file) => {
    const source = readFileSync(file, "utf8");
    const served = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)].map((m) => m[1]);
    const refused = [...source.matchAll(/export const \{([^}]*)\} = methodNotAllowed\(/g)].flatMap((m) => m[1].split(",").map((s) => s.trim()));
    for (const method of METHODS) expect(served.includes(method) || refused.includes(method), `${file}: ${method}`).toBe(true);
  });
});
