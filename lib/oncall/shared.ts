import { z } from "zod";

/** Browser-safe on-call types, schemas and labels. */
export const roleOptions = ["lead", "scribe", "comms", "responder"] as const;
export type IncidentRoleName = (typeof roleOptions)[number];
export const singleRoles = ["lead", "scribe", "comms"] as const;
export const roleLabels: Record<IncidentRoleName, string> = { lead: "Incident lead", scribe: "Scribe", comms: "Communications lead", responder: "Responder" };

const userId = z.string().uuid("is not a valid user id");

/** PUT semantics per field: a field given replaces that role (null clears it); a field left out keeps it. */
export const rolesInputSchema = z.object({
  lead: userId.nullable().optional(),
  scribe: userId.nullable().optional(),
  comms: userId.nullable().optional(),
  responders: z.array(userId).max(50).optional(),
});
export type RolesInput = z.input<typeof rolesInputSchema>;

export const taskInputSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300),
  ownerId: userId.nullable().optional(),
});
export const taskUpdateSchema = z.object({
  title: z.string().trim().min(1, "is required").max(300).optional(),
  ownerId: userId.nullable().optional(),
  done: z.boolean().optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const timeZone = z.string().min(1).max(100).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "is not a known time zone");

export const layerSchema = z.object({
  name: z.string().trim().min(1).max(60),
  rotation: z.enum(["daily", "weekly"]),
  handoffTime: hhmm,
  handoffDay: z.number().int().min(0).max(6).default(1),
  startDate: isoDate,
  members: z.array(userId).min(1, "needs at least one member").max(100),
});

export const scheduleInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  timeZone,
  layers: z.array(layerSchema).min(1, "needs at least one layer").max(5),
});
export type ScheduleInput = z.input<typeof scheduleInputSchema>;

export const overrideInputSchema = z
  .object({
    layer: z.number().int().min(0).max(4).default(0),
    userId,
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
  })
  .refine((o) => o.endsAt.getTime() > o.startsAt.getTime(), { message: "must be after starts_at", path: ["endsAt"] });

export const severityModeOptions = ["immediate", "business_hours", "never"] as const;
export const severityModeLabels: Record<(typeof severityModeOptions)[number], string> = {
  immediate: "Page at once",
  business_hours: "Page in business hours",
  never: "Never page (queue)",
};

const targetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("schedule"), id: z.string().uuid("is not a valid schedule id"), layer: z.number().int().min(0).max(4).optional() }),
  z.object({ type: z.literal("user"), id: userId }),
]);

export const defaultSeverityModes = { P0: "immediate", P1: "immediate", P2: "business_hours", P3: "never" } as const;
export const defaultBusinessHours = { timeZone: "UTC", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

export const policyInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  levels: z
    .array(z.object({ targets: z.array(targetSchema).min(1, "needs a target").max(20), timeoutMinutes: z.number().int().min(1).max(1440) }))
    .min(1, "needs at least one level")
    .max(10),
  repeat: z.number().int().min(0).max(5).default(0),
  services: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  severities: z.array(z.enum(["P0", "P1", "P2", "P3"])).max(4).default([]),
  severityModes: z
    .object({ P0: z.enum(severityModeOptions), P1: z.enum(severityModeOptions), P2: z.enum(severityModeOptions), P3: z.enum(severityModeOptions) })
    .default(defaultSeverityModes),
  businessHours: z
    .object({
      timeZone,
      days: z.array(z.number().int().min(0).max(6)).max(7),
      start: hhmm,
      end: hhmm,
    })
    .refine((b) => b.end > b.start, { message: "must end after it starts", path: ["end"] })
    .default(defaultBusinessHours),
});
export type PolicyInput = z.input<typeof policyInputSchema>;

export type MemberView = { userId: string; name: string; email: string };
export type RoleView = { role: IncidentRoleName; userId: string; name: string; assignedAt: string };
export type TaskView = { id: string; title: string; ownerId: string | null; ownerName: string | null; done: boolean; createdAt: string };
export type PageView = { userId: string; name: string; level: number; step: number; at: string };
export type EscalationView = {
  status: "waiting" | "paging" | "acknowledged" | "exhausted" | "stopped" | "skipped";
  policyName: string | null;
  level: number;
  nextAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  pages: PageView[];
};
export type IncidentOncallView = { roles: RoleView[]; tasks: TaskView[]; escalation: EscalationView | null; members: MemberView[] };

export type ShiftView = { layer: number; userId: string; name: string; start: string; end: string; source: "rotation" | "override" };
export type ScheduleView = {
  id: string;
  name: string;
  timeZone: string;
  layers: { name: string; rotation: "daily" | "weekly"; handoffTime: string; handoffDay: number; startDate: string; members: string[] }[];
  onCall: ShiftView[];
  shifts: ShiftView[];
  overrides: { id: string; layer: number; userId: string; name: string; startsAt: string; endsAt: string }[];
};
export type PolicyView = {
  id: string;
  name: string;
  levels: { targets: { type: "schedule" | "user"; id: string; label: string; layer?: number }[]; timeoutMinutes: number }[];
  repeat: number;
  services: string[];
  severities: string[];
  severityModes: Record<string, (typeof severityModeOptions)[number]>;
  businessHours: { timeZone: string; days: number[]; start: string; end: string };
};
export type OncallOverview = { schedules: ScheduleView[]; policies: PolicyView[]; members: MemberView[]; from: string; to: string };

export const weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
