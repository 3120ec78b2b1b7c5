import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The floors of the code base (docs/architecture.md): app → components → lib → db. A lower floor
 * never imports a higher one, routes never import components, domain code never imports the HTTP
 * edge (lib/api), and outside a feature only its public surface is imported: `@/lib/<feature>`
 * (index.ts, server code) or `@/lib/<feature>/shared` (what also runs in the browser).
 */
const features = ["agent", "audit", "auth", "diagnosis", "incidents", "intake", "realtime", "seed", "simulation", "topology", "workspaces", "sla", "runbooks", "postmortems", "oncall", "notifications", "generator", "warroom", "alerts", "analytics", "drills"];
const walls = features.map((f) => ({
  group: [`@/lib/${f}/*`, `!@/lib/${f}/shared`],
  message: `Import ${f} through its public surface: "@/lib/${f}" (server) or "@/lib/${f}/shared" (browser-safe).`,
}));
const tests = ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "**/testing.ts", "e2e/**", "scripts/**", "*.config.*"];
const higher = (names, message) => names.map((n) => ({ group: [`@/${n}/*`, `@/${n}`], message }));

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: tests,
    rules: { "no-restricted-imports": ["error", { patterns: walls }] },
  },
  {
    files: ["app/api/**"],
    ignores: tests,
    rules: { "no-restricted-imports": ["error", { patterns: [...walls, ...higher(["components"], "Routes never import components: move shared code to lib/.")] }] },
  },
  {
    files: ["lib/**"],
    ignores: tests,
    rules: { "no-restricted-imports": ["error", { patterns: [...walls, ...higher(["components", "app"], "lib/ never imports components/ or app/.")] }] },
  },
  {
    files: features.map((f) => `lib/${f}/**`),
    ignores: tests,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...walls,
            ...higher(["components", "app"], "lib/ never imports components/ or app/."),
            ...higher(["lib/api"], "Domain code never imports the HTTP edge (lib/api): routes turn Results into responses."),
          ],
        },
      ],
    },
  },
  {
    files: ["db/**"],
    ignores: tests,
    rules: { "no-restricted-imports": ["error", { patterns: higher(["lib", "components", "app"], "db/ knows nothing of lib/, components/ or app/.") }] },
  },
];

export default config;
