// `npm run typecheck`: route types from `next typegen`, then tsc. Route types a dev server wrote for
// routes that have since moved (.next/dev/types) are removed first; `next dev` writes them again.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync(".next/dev/types", { recursive: true, force: true });
for (const [cmd, args] of [["npx", ["next", "typegen"]], ["npx", ["tsc", "--noEmit"]]]) {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
