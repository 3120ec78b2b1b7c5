import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
/** The variables the env module declares: the keys of its schema object. */
const envModule = ["lib/env.ts", "env.ts"].find((f) => existsSync(path.join(root, f)))!;
const declared = [...read(envModule).matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);

describe("every environment variable the app reads", () => {
  it("is declared (sanity check of the scan)", () => {
    expect(declared).toContain("DATABASE_URL");
    expect(declared.length).toBeGreaterThan(20);
  });

  it("has a line in .env.example", () => {
    const example = read(".env.example");
    for (const name of declared) expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });

  it("is described in docs/configuration.md", () => {
    const docs = read("docs/configuration.md");
    for (const name of declared) expect(docs, name).toContain(`\`${name}\``);
  });
});
