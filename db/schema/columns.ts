import { text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * The columns most tables share, written once: a random UUID key, the owning workspace (rows go with
 * it), creation time, and who acted (kind, id, display name, as the Actor carried them: the name is
 * kept because users, guests and keys come and go while the record stays).
 */
export const actorKinds = ["user", "guest", "api_key", "system"] as const;
export type ActorKind = (typeof actorKinds)[number];

export const idColumn = () => uuid("id").primaryKey().defaultRandom();

export const workspaceColumn = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const timeColumn = (name: string) => timestamp(name, { withTimezone: true });

/** `<prefix>_kind`, `<prefix>_id`, `<prefix>_name`; spread into a table as `...actorColumns("approved_by")`. */
export function actorColumns<P extends string>(prefix: P) {
  const camel = prefix.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as SnakeToCamel<P>;
  return {
    [`${camel}Kind`]: text(`${prefix}_kind`, { enum: actorKinds }).notNull(),
    [`${camel}Id`]: text(`${prefix}_id`),
    [`${camel}Name`]: text(`${prefix}_name`).notNull(),
  } as {
    [K in `${SnakeToCamel<P>}Kind`]: KindColumn;
  } & { [K in `${SnakeToCamel<P>}Id`]: ReturnType<typeof text> } & { [K in `${SnakeToCamel<P>}Name`]: NameColumn };
}

type KindColumn = ReturnType<ReturnType<typeof text<"", string, [ActorKind, ...ActorKind[]]>>["notNull"]>;
type NameColumn = ReturnType<ReturnType<typeof text>["notNull"]>;

type SnakeToCamel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<SnakeToCamel<T>>}` : S;
