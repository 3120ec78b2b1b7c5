import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * Who has a board or incident page open, for the built-in realtime driver. Kept in the database so
 * that every app instance behind a load balancer sees the same members; rows expire unless the
 * browser renews them (a crashed tab disappears on its own).
 */
export const realtimePresence = pgTable(
  "realtime_presence",
  {
    /** One open page (a browser tab's presence bar), chosen by the browser. */
    connectionId: text("connection_id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "board" or "incident:<id>". */
    room: text("room").notNull(),
    /** `<actor kind>:<actor id>`: the same person in two tabs is shown once. */
    memberId: text("member_id").notNull(),
    memberKind: text("member_kind").notNull(),
    name: text("name").notNull(),
    color: text("color"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("realtime_presence_room_idx").on(t.workspaceId, t.room, t.expiresAt)],
);

export type RealtimePresence = typeof realtimePresence.$inferSelect;
