import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("vercel.json", () => {
  const crons = (JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as { crons: { path: string; schedule: string }[] }).crons;

  it("schedules every /api/cron/* route, so a Vercel deployment runs them with no extra step", () => {
    const routes = readdirSync(path.join(root, "app/api/cron"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, "app/api/cron", d.name, "route.ts")))
      .map((d) => `/api/cron/${d.name}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(crons.map((c) => c.path).sort()).toEqual(routes.sort());
  });

  it("uses five-field cron schedules", () => {
    for (const c of crons) expect(c.schedule, c.path).toMatch(/^(\S+\s){4}\S+$/);
  });
});
