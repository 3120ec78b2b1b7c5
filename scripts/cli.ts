/**
 * The operator CLI: `npm run firedrill -- <command>`. Works on the same database as the app
 * (DATABASE_URL, or the embedded PGlite in DATA_DIR — stop the app first in that case: two
 * processes must never open one PGlite directory).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { ensureSeeded } from "@/lib/seed/workspaces";
import { systemActor } from "@/lib/auth/shared";
import { apiKeyScopes } from "@/lib/auth/shared";
import { insertApiKey } from "@/lib/auth";
import { SERVER_PID_FILE } from "@/lib/auth";
import { createUser, findUserByEmail, setPassword } from "@/lib/auth";
import { env } from "@/env";
import { isAppError } from "@/lib/errors";
import { unwrap } from "@/lib/result";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { resetDemoWorkspace } from "@/lib/workspaces/demo";
import { addMember } from "@/lib/workspaces/members";
import { getWorkspaceBySlug, listMembersOf } from "@/lib/workspaces/queries";

const usage = `Firedrill admin CLI

  npm run firedrill -- user create --email <email> --password <password> [--name <name>]
  npm run firedrill -- user password --email <email> --password <password>
  npm run firedrill -- workspace create --slug <slug> --name <name> [--admin <email>]
  npm run firedrill -- member add --workspace <slug> --email <email> [--role admin|responder|viewer]
  npm run firedrill -- member list --workspace <slug>
  npm run firedrill -- apikey create --workspace <slug> --name <name> [--scope ingest|read|write|admin]...
  npm run firedrill -- demo reset
  npm run firedrill -- db migrate      (also: npm run db:migrate; the app migrates on start too)
  npm run firedrill -- db seed         (also: npm run db:seed; seeds an empty database)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function appIsRunningOn(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, SERVER_PID_FILE), "utf8").trim());
    if (!pid || pid === process.pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function openDatabase(): Promise<DatabaseHandle> {
  const e = env();
  if (e.DATABASE_URL) return openPostgres(e.DATABASE_URL, { max: 2 });
  const dataDir = path.resolve(e.DATA_DIR ?? ".data");
  const running = appIsRunningOn(dataDir);
  if (running) {
    fail(
      `The app (pid ${running}) has the embedded database in ${dataDir} open, and two processes must not share one PGlite directory.\n` +
        "While the app runs, do this in the app instead (API keys: Settings → API keys; members and invites: Settings → Members),\n" +
        "or stop the app and run this command again.",
    );
  }
  return openPglite(path.resolve(e.PGLITE_DIR ?? path.join(dataDir, "pglite")));
}

function key0(group: string, command: string | undefined): string {
  return `${group} ${command ?? ""}`.trim();
}

async function main() {
  const [group, command, ...rest] = process.argv.slice(2);
  if (!group || group === "help" || group === "--help") {
    process.stdout.write(usage);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      slug: { type: "string" },
      workspace: { type: "string" },
      role: { type: "string" },
      admin: { type: "string" },
      scope: { type: "string", multiple: true },
    },
    allowPositionals: false,
  });
  const need = (key: keyof typeof values, flag = key): string => {
    const v = values[key];
    if (typeof v !== "string" || v.trim() === "") fail(`Missing --${String(flag)}.\n\n${usage}`);
    return v;
  };

  const handle = await openDatabase();
  const db = handle.db;
  try {
    // Opening the database applied the migrations; `db migrate` needs nothing more.
    if (env().SEED_ON_START === "on" || key0(group, command) === "db seed") await ensureSeeded(db);
    const workspaceOf = async (slug: string) => (await getWorkspaceBySlug(db, slug)) ?? fail(`No workspace "${slug}".`);
    const key = key0(group, command);
    switch (key) {
      case "user create": {
        const email = need("email");
        const user = unwrap(await createUser(db, { email, password: need("password"), name: values.name ?? email.split("@")[0] }));
        process.stdout.write(`Created user ${user.email} (${user.id}).\n`);
        break;
      }
      case "user password": {
        const user = (await findUserByEmail(db, need("email"))) ?? fail("No user with that email.");
        await setPassword(db, user.id, need("password"));
        process.stdout.write(`Password of ${user.email} updated.\n`);
        break;
      }
      case "workspace create": {
        const adminEmail = values.admin;
        const admin = adminEmail ? ((await findUserByEmail(db, adminEmail)) ?? fail(`No user ${adminEmail}: create it first.`)) : null;
        const ws = unwrap(await createWorkspace(db, admin ? { id: admin.id, name: admin.name } : null, { slug: need("slug"), name: need("name") }));
        process.stdout.write(`Created workspace ${ws.slug} ("${ws.name}")${admin ? ` with admin ${admin.email}` : ""}.\n`);
        if (!admin) process.stdout.write(`Add an admin: npm run firedrill -- member add --workspace ${ws.slug} --email <email> --role admin\n`);
        break;
      }
      case "member add": {
        const ws = await workspaceOf(need("workspace"));
        const r = unwrap(await addMember(db, systemActor(ws.id, "Firedrill CLI"), { email: need("email"), role: values.role ?? "responder" }));
        process.stdout.write(`${values.email} is now ${r.role} of ${ws.slug}.\n`);
        break;
      }
      case "member list": {
        const ws = await workspaceOf(need("workspace"));
        for (const m of await listMembersOf(db, ws.id)) process.stdout.write(`${m.role.padEnd(10)} ${m.email}  ${m.name}\n`);
        break;
      }
      case "apikey create": {
        const ws = await workspaceOf(need("workspace"));
        const scopes = values.scope?.length ? values.scope : ["ingest"];
        const bad = scopes.filter((s) => !(apiKeyScopes as readonly string[]).includes(s));
        if (bad.length) fail(`Unknown scope ${bad.join(", ")}: use ${apiKeyScopes.join(", ")}.`);
        const { key, apiKey } = await insertApiKey(db, systemActor(ws.id, "Firedrill CLI"), { name: need("name"), scopes: scopes as never });
        process.stdout.write(`Created API key "${apiKey.name}" for ${ws.slug} with scopes ${apiKey.scopes.join(", ")}.\n`);
        process.stdout.write(`This is the only time the key is shown; store it now:\n\n  ${key}\n\n`);
        break;
      }
      case "db migrate":
        process.stdout.write(`Migrations applied (${handle.kind}).\n`);
        break;
      case "db seed":
        process.stdout.write(`Seeded (${handle.kind}): an empty database gets the default and demo workspaces; a populated one is left as it is.\n`);
        break;
      case "demo reset": {
        const ws = await workspaceOf("demo");
        unwrap(await resetDemoWorkspace(db, systemActor(ws.id, "Firedrill CLI")));
        process.stdout.write("The demo workspace is back to its seed.\n");
        break;
      }
      default:
        fail(`Unknown command "${key}".\n\n${usage}`);
    }
  } catch (e) {
    if (isAppError(e)) {
      const fields = e.issues?.map((i) => `  --${i.path}: ${i.message}`).join("\n");
      fail(`${e.message}${fields ? `\n${fields}` : ""}`);
    }
    throw e;
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
