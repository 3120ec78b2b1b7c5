import { z } from "zod";
import { roles } from "@/db/schema";

/** Slugs that would collide with routes or the public demo. */
const reservedSlugs = new Set(["demo", "api", "admin", "settings", "new", "sign-in", "sign-up", "invite", "board", "incidents"]);

export const workspaceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "may contain only lowercase letters, digits and inner hyphens")
  .refine((s) => !reservedSlugs.has(s), "is reserved");

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  slug: workspaceSlugSchema,
});

export const roleSchema = z.enum(roles, { message: "must be admin, responder or viewer" });

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("is not a valid email address").max(254),
  role: roleSchema.default("responder"),
});

export const changeRoleSchema = z.object({
  userId: z.string().uuid("is not a valid user id"),
  role: roleSchema,
});

/** Suggests a slug from a workspace name ("Acme Shop" → "acme-shop"). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}
