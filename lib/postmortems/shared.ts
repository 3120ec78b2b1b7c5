import { z } from "zod";
import { safeText } from "@/lib/validation/strings-and-times";
import type { ActionItemStatus, PostmortemReviewer, PostmortemSection, PostmortemSectionKey, PostmortemStatus, PostmortemTimelineRow } from "@/db/schema/postmortems";

export type { ActionItemStatus, PostmortemReviewer, PostmortemSection, PostmortemSectionKey, PostmortemStatus, PostmortemTimelineRow };

/** The report template's sections, in order. */
export const sectionTitles: Record<PostmortemSectionKey, string> = {
  summary: "Summary",
  timeline: "Timeline",
  root_cause: "Root Cause",
  impact: "Impact",
  resolution: "Resolution",
  action_items: "Action Items",
  lessons_learned: "Lessons Learned",
};
export const sectionKeys = Object.keys(sectionTitles) as PostmortemSectionKey[];

export const postmortemStatusLabels: Record<PostmortemStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };

/** Where a report may go from each status. Published can be reopened as a draft. */
export const postmortemTransitions: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ["in_review"],
  in_review: ["draft", "published"],
  published: ["draft"],
};

const sectionKey = z.enum(["summary", "timeline", "root_cause", "impact", "resolution", "action_items", "lessons_learned"]);

export const postmortemPatchSchema = z
  .object({
    version: z.number().int().positive(),
    title: safeText(200, { min: 1 }).optional(),
    sections: z
      .array(z.object({ key: sectionKey, body: safeText(50_000).optional(), accepted: z.literal(true).optional() }))
      .max(7)
      .optional(),
    status: z.enum(["draft", "in_review", "published"]).optional(),
  })
  .strict();
export type PostmortemPatch = z.infer<typeof postmortemPatchSchema>;

const dueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-mm-dd")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "must be a real date");

export const actionItemInputSchema = z.object({
  title: safeText(300, { min: 1 }),
  ownerId: z.uuid("must be a member's id").nullable().optional(),
  dueDate: dueDate.nullable().optional(),
  status: z.enum(["open", "done"]).optional(),
});
export const actionItemPatchSchema = actionItemInputSchema.partial();

export type ActionItemView = {
  id: string;
  postmortemId: string;
  incidentId: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
};

export type PostmortemView = {
  id: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  severity: string;
  service: string;
  title: string;
  status: PostmortemStatus;
  sections: PostmortemSection[];
  timeline: PostmortemTimelineRow[];
  reviewers: PostmortemReviewer[];
  actionItems: ActionItemView[];
  version: number;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
};

export type WorkspaceActionItemView = ActionItemView & { incidentKey: string; incidentTitle: string; postmortemStatus: PostmortemStatus };

/** "2026-12-07 21:04 UTC": reports print one time zone, stated. */
export function reportTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The report as Markdown: the template's headings in order, the timeline as a table, action items as a task list. */
export function postmortemMarkdown(pm: PostmortemView): string {
  const out: string[] = [`# Incident Report: ${pm.incidentKey} ${pm.title}`, "", `Status: ${postmortemStatusLabels[pm.status]} · Severity: ${pm.severity} · Service: ${pm.service}`, ""];
  for (const s of pm.sections) {
    out.push(`## ${s.title}`, "");
    if (s.key === "timeline" && pm.timeline.length > 0) {
      out.push("| Time (UTC) | Event | By |", "| --- | --- | --- |");
      for (const row of pm.timeline) out.push(`| ${reportTime(row.at)} | ${cell(row.text)} | ${cell(row.actor ?? "")} |`);
      out.push("");
      if (s.body.trim()) out.push(s.body.trim(), "");
      continue;
    }
    if (s.key === "action_items") {
      for (const a of pm.actionItems) {
        const meta = [a.ownerName ? `Owner: ${a.ownerName}` : null, a.dueDate ? `Due: ${a.dueDate}` : null].filter(Boolean).join(", ");
        out.push(`- [${a.status === "done" ? "x" : " "}] ${a.title}${meta ? ` (${meta})` : ""}`);
      }
      if (pm.actionItems.length) out.push("");
    }
    out.push(s.body.trim() || "_Nothing recorded._", "");
  }
  if (pm.reviewers.length) {
    out.push("---", "", ...pm.reviewers.map((r) => `- ${r.action === "published" ? "Published" : "Submitted for review"} by ${r.name} at ${reportTime(r.at)}`), "");
  }
  return out.join("\n");
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The JSON export's schema (JSON Schema 2020-12), published at /api/v1/postmortem.schema.json. */
export const postmortemJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://firedrill.dev/schemas/postmortem.json",
  title: "Firedrill post-mortem",
  type: "object",
  additionalProperties: false,
  required: ["schema_version", "id", "incident", "title", "status", "version", "sections", "timeline", "action_items", "reviewers", "created_at", "updated_at", "published_at"],
  properties: {
    schema_version: { const: 1 },
    id: { type: "string", format: "uuid" },
    incident: {
      type: "object",
      additionalProperties: false,
      required: ["id", "key", "title", "severity", "service"],
      properties: {
        id: { type: "string", format: "uuid" },
        key: { type: "string" },
        title: { type: "string" },
        severity: { enum: ["P0", "P1", "P2", "P3"] },
        service: { type: "string" },
      },
    },
    title: { type: "string", minLength: 1 },
    status: { enum: ["draft", "in_review", "published"] },
    version: { type: "integer", minimum: 1 },
    sections: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key", "title", "body", "origin", "accepted"],
        properties: {
          key: { enum: ["summary", "timeline", "root_cause", "impact", "resolution", "action_items", "lessons_learned"] },
          title: { type: "string" },
          body: { type: "string" },
          origin: { enum: ["data", "ai", "person"] },
          accepted: { type: "boolean" },
        },
      },
    },
    timeline: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["at", "kind", "text", "actor"],
        properties: { at: { type: "string", format: "date-time" }, kind: { type: "string" }, text: { type: "string" }, actor: { type: ["string", "null"] } },
      },
    },
    action_items: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "title", "owner_id", "owner_name", "due_date", "status"],
        properties: {
          id: { type: "string", format: "uuid" },
          title: { type: "string" },
          owner_id: { type: ["string", "null"] },
          owner_name: { type: ["string", "null"] },
          due_date: { type: ["string", "null"], format: "date" },
          status: { enum: ["open", "done"] },
        },
      },
    },
    reviewers: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "action", "at"],
        properties: { name: { type: "string" }, action: { enum: ["submitted", "published"] }, at: { type: "string", format: "date-time" } },
      },
    },
    created_at: { type: "string", format: "date-time" },
    updated_at: { type: "string", format: "date-time" },
    published_at: { type: ["string", "null"], format: "date-time" },
  },
} as const;

/** The report as JSON, per `postmortemJsonSchema`. */
export function postmortemJson(pm: PostmortemView) {
  return {
    schema_version: 1 as const,
    id: pm.id,
    incident: { id: pm.incidentId, key: pm.incidentKey, title: pm.incidentTitle, severity: pm.severity, service: pm.service },
    title: pm.title,
    status: pm.status,
    version: pm.version,
    sections: pm.sections.map((s) => ({ key: s.key, title: s.title, body: s.body, origin: s.origin, accepted: s.accepted })),
    timeline: pm.timeline.map((r) => ({ at: r.at, kind: r.kind, text: r.text, actor: r.actor })),
    action_items: pm.actionItems.map((a) => ({ id: a.id, title: a.title, owner_id: a.ownerId, owner_name: a.ownerName, due_date: a.dueDate, status: a.status })),
    reviewers: pm.reviewers.map((r) => ({ name: r.name, action: r.action, at: r.at })),
    created_at: pm.createdAt,
    updated_at: pm.updatedAt,
    published_at: pm.publishedAt,
  };
}
