import { z } from "zod";

/**
 * A workspace's service topology: its services (team, tier, kind, what each depends on, objectives)
 * in the snake_case JSON the topology editor, the simulator and the REST API share.
 */
export const serviceKinds = ["service", "cache", "database", "queue", "storage", "external"] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const serviceName = (what: string) =>
  z
    .string({ error: `must be a ${what}` })
    .trim()
    .min(1, "is required")
    .max(64, "must be at most 64 characters")
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, "must use lowercase letters, digits, '-', '_' or '.'");

export const boundedText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const finiteNumber = z.number({ error: "must be a number" }).refine(Number.isFinite, "must be a finiteNumber number");

export const serviceSpecSchema = z.object({
  name: serviceName("service name"),
  team: boundedText(64).min(1, "is required"),
  tier: z.number().int().min(1, "must be 1, 2 or 3").max(3, "must be 1, 2 or 3"),
  kind: z.enum(serviceKinds),
  depends_on: z.array(serviceName("service name")).max(30, "at most 30 dependencies").default([]),
  /** p95 latency objective; above it the service's health falls (100 × slo / p95). */
  slo_p95_ms: z.number().positive("must be positive").max(120_000).default(500),
  replicas: z.number().int().min(1).max(100).default(2),
  /** How this service's degradation reaches its callers. */
  cascade_delay_seconds: z.number().min(0).max(3600).default(20),
  latency_factor: z.number().min(0).max(10).default(1),
  error_factor: z.number().min(0).max(1).default(0.8),
  /** Caches only: load multiplier on what the cache protected when every lookup misses. */
  cache_load_factor: z.number().min(1).max(100).optional(),
  /** Overrides of the service's baseline metrics. */
  baseline: z.record(z.string(), finiteNumber).optional(),
  /** Service mapping for the war room (and Slack): the on-call channel, the on-call group, its engineers. */
  channel: z.string().trim().regex(/^#[a-z0-9][a-z0-9._-]{0,79}$/, "must be a channel like #checkout-oncall").optional(),
  oncall_group: z.string().trim().regex(/^@[a-z0-9][a-z0-9._-]{0,79}$/, "must be a group like @checkout-oncall").optional(),
  engineers: z.array(z.string().trim().min(1).max(64)).max(30, "at most 30 engineers").optional(),
});
export type ServiceSpec = z.output<typeof serviceSpecSchema>;

export const topologySchema = z
  .object({ services: z.array(serviceSpecSchema).min(1, "needs at least one service").max(200, "at most 200 services") })
  .superRefine((t, ctx) => {
    const names = new Map<string, number>();
    t.services.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: "custom", path: ["services", i, "name"], message: `"${s.name}" is defined twice` });
      names.set(s.name, i);
    });
    t.services.forEach((s, i) => {
      s.depends_on.forEach((d, j) => {
        if (!names.has(d)) ctx.addIssue({ code: "custom", path: ["services", i, "depends_on", j], message: `"${d}" is not a service of this topology` });
        if (d === s.name) ctx.addIssue({ code: "custom", path: ["services", i, "depends_on", j], message: "a service cannot depend on itself" });
      });
    });
    const cycle = findCycle(t.services);
    if (cycle) ctx.addIssue({ code: "custom", path: ["services"], message: `dependencies form a cycle: ${cycle.join(" → ")}` });
  });
export type Topology = z.output<typeof topologySchema>;

/** A dependency cycle, if any (cascades walk the graph and need it acyclic). */
export function findCycle(services: { name: string; depends_on: string[] }[]): string[] | null {
  const deps = new Map(services.map((s) => [s.name, s.depends_on]));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 2) return null;
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      if (!deps.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const s of services) {
    const c = visit(s.name);
    if (c) return c;
  }
  return null;
}
