import { z } from "zod";
import { safeText } from "@/lib/validation/strings-and-times";

const label = safeText(80, { min: 1 });

export const runbookInputSchema = z.object({
  title: safeText(160, { min: 1 }),
  summary: safeText(500).optional().default(""),
  services: z.array(label).max(30).optional().default([]),
  categories: z.array(label).max(20).optional().default([]),
  body: safeText(100_000, { min: 1 }),
});
export type RunbookInput = z.input<typeof runbookInputSchema>;

export const runbookUpdateSchema = runbookInputSchema.extend({ version: z.number().int().positive() });

export const restoreRunbookSchema = z.object({ version: z.number().int().positive(), currentVersion: z.number().int().positive() });

export const tickSchema = z.object({ index: z.number().int().min(0).max(10_000), checked: z.boolean() });

export type RunbookView = {
  id: string;
  title: string;
  summary: string;
  services: string[];
  categories: string[];
  body: string;
  version: number;
  origin: string;
  updatedByName: string;
  updatedAt: string;
};

export type RunbookVersionView = {
  version: number;
  title: string;
  summary: string;
  services: string[];
  categories: string[];
  body: string;
  restoredFrom: number | null;
  createdByName: string;
  createdAt: string;
};

export type RunbookSuggestion = { runbook: RunbookView; score: number; reasons: string[] };

export type AttachedRunbookView = {
  id: string;
  runbook: RunbookView;
  runbookVersion: number;
  /** The body of the version attached (the checklist indexes refer to it). */
  body: string;
  checked: number[];
  attachedByName: string;
  createdAt: string;
};

export type IncidentRunbooksView = {
  attached: AttachedRunbookView[];
  suggestions: RunbookSuggestion[];
  /** `runbook_url` annotations of the alerts that opened or joined the incident. */
  links: { url: string; source: string }[];
};

export type ChecklistItem = { index: number; line: number; text: string; checked: boolean };

const taskLine = /^\s*[-*+]\s+\[( |x|X)\]\s+(.*)$/;

/** The GFM task-list items of a markdown body, in document order (their index is their identity on an incident). */
export function checklistItems(body: string): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  let inFence = false;
  body.split("\n").forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const m = taskLine.exec(line);
    if (m) items.push({ index: items.length, line: i, text: m[2].trim(), checked: m[1] !== " " });
  });
  return items;
}

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence) between two versions of a body, for the history view. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) return [...a.map((text) => ({ kind: "removed" as const, text })), ...b.map((text) => ({ kind: "added" as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: "removed", text: a[i++] });
    else out.push({ kind: "added", text: b[j++] });
  }
  while (i < n) out.push({ kind: "removed", text: a[i++] });
  while (j < m) out.push({ kind: "added", text: b[j++] });
  return out;
}

/**
 * How well a runbook fits an incident: its service first (the incident's own service outranks an
 * affected one), then the diagnosed category. Zero: not suggested.
 */
export function scoreRunbook(
  runbook: { services: string[]; categories: string[] },
  incident: { service: string; affectedSystems: string[]; category: string | null },
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const services = runbook.services.map((s) => s.toLowerCase());
  if (services.includes(incident.service.toLowerCase())) {
    score += 100;
    reasons.push(`service ${incident.service}`);
  } else {
    const hit = incident.affectedSystems.find((s) => services.includes(s.toLowerCase()));
    if (hit) {
      score += 40;
      reasons.push(`affected system ${hit}`);
    }
  }
  if (incident.category && runbook.categories.map((c) => c.toLowerCase()).includes(incident.category.toLowerCase())) {
    score += 30;
    reasons.push(`diagnosed ${incident.category}`);
  }
  return { score, reasons };
}
