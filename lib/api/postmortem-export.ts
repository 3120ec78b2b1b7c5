import { AppError } from "@/lib/errors";
import { getPostmortem, postmortemJson, postmortemMarkdown, postmortemPdf } from "@/lib/postmortems";
import type { Database } from "@/db/client";
import { json } from "./http";

const formats = ["json", "md", "pdf"] as const;

/**
 * The incident's post-mortem in the format asked for by `?format=` (json by default): Markdown and
 * PDF come as downloads named after the incident, JSON per the published schema.
 */
export async function postmortemExportResponse(db: Database, workspaceId: string, incidentId: string, request: Request): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!(formats as readonly string[]).includes(format)) {
    throw new AppError("bad_request:format", `Unknown format "${format}": use json, md or pdf.`, { issues: [{ path: "format", message: "must be json, md or pdf" }] });
  }
  const pm = await getPostmortem(db, workspaceId, incidentId);
  if (!pm) throw new AppError("not_found:postmortem", "This incident has no post-mortem yet.");
  const name = `${pm.incidentKey.toLowerCase()}-postmortem`;
  if (format === "md") {
    return new Response(postmortemMarkdown(pm), {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}.md"`, "cache-control": "no-store" },
    });
  }
  if (format === "pdf") {
    const pdf = await postmortemPdf(pm);
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}.pdf"`, "cache-control": "no-store" },
    });
  }
  return json(postmortemJson(pm), { headers: { "cache-control": "no-store" } });
}
