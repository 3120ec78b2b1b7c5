import type { Topology } from "./schemas";

/**
 * The topology as a dependency map (`map[a]` lists what `a` calls): the shape the diagnosis' data
 * block carries and reasons over, made from a workspace's topology.
 */
export type DependencyMap = Record<string, string[]>;

export function dependencyMap(topology: Topology, limits: { services?: number; dependencies?: number } = {}): DependencyMap {
  const map: DependencyMap = {};
  for (const s of topology.services.slice(0, limits.services ?? Infinity)) map[s.name] = s.depends_on.slice(0, limits.dependencies ?? Infinity);
  return map;
}

/** Normalises service names so "payment-service", "paymentservice" and "payment" meet. */
export function canonicalService(name: string): string {
  const n = name.trim().toLowerCase().replace(/[_\s]+/g, "-");
  const stripped = n.replace(/-?(service|svc|api)$/, "");
  return stripped || n;
}

export function dependenciesOf(map: DependencyMap, service: string): string[] {
  const key = findKey(map, service);
  return key ? map[key] : [];
}

/** Services that call `service`, directly or transitively (the blast radius of its failure). */
export function dependentsOf(map: DependencyMap, service: string): string[] {
  const target = canonicalService(service);
  const out = new Set<string>();
  const queue = [target];
  while (queue.length) {
    const s = queue.shift()!;
    for (const [caller, deps] of Object.entries(map)) {
      if (deps.some((d) => canonicalService(d) === s) && !out.has(caller)) {
        out.add(caller);
        queue.push(canonicalService(caller));
      }
    }
  }
  out.delete(target);
  return [...out].sort();
}

/** True when `a` depends on `b`, directly or transitively. */
export function dependsOn(map: DependencyMap, a: string, b: string): boolean {
  const target = canonicalService(b);
  const seen = new Set<string>();
  const stack = [canonicalService(a)];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of dependenciesOf(map, s)) {
      const c = canonicalService(d);
      if (c === target) return true;
      stack.push(c);
    }
  }
  return false;
}

function findKey(map: DependencyMap, service: string): string | undefined {
  const c = canonicalService(service);
  return Object.keys(map).find((k) => canonicalService(k) === c);
}
