// `npm start`: serves the production build, building it first when there is none.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!existsSync(".next/BUILD_ID")) {
  console.log("[start] no production build yet: running `next build` first…");
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync("npx", ["next", "start", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(r.status ?? 0);
