/**
 * Service dependencies used to reason about cascades. Until the simulation's topology is available,
 * this is the OpenTelemetry Astronomy Shop graph; callers may pass their own.
 * `dependsOn[a]` lists what `a` calls.
 */
export type Topology = Record<string, string[]>;

export const astronomyShopTopology: Topology = {
  frontend: ["recommendation", "product-catalog", "ad", "cart", "checkout", "image-provider"],
  "frontend-proxy": ["frontend", "image-provider"],
  checkout: ["cart", "currency", "email", "payment", "product-catalog", "shipping", "kafka"],
  recommendation: ["product-catalog", "redis"],
  "product-catalog": ["postgresql"],
  cart: ["valkey"],
  shipping: ["quote"],
  accounting: ["postgresql", "kafka"],
  "fraud-detection": ["kafka"],
  "product-reviews": ["product-catalog", "llm", "postgresql"],
  payment: ["stripe"],
};

/** Normalises service names so "payment-service", "paymentservice" and "payment" meet. */
export function canonicalService(name: string): string {
  const n = name.trim().toLowerCase().replace(/[_\s]+/g, "-");
  const stripped = n.replace(/-?(service|svc|api)$/, "");
  return stripped || n;
}

export function dependenciesOf(topology: Topology, service: string): string[] {
  const key = findKey(topology, service);
  return key ? topology[key] : [];
}

/** Services that call `service`, directly or transitively (the blast radius of its failure). */
export function dependentsOf(topology: Topology, service: string): string[] {
  const target = canonicalService(service);
  const out = new Set<string>();
  const queue = [target];
  while (queue.length) {
    const s = queue.shift()!;
    for (const [caller, deps] of Object.entries(topology)) {
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
export function dependsOn(topology: Topology, a: string, b: string): boolean {
  const target = canonicalService(b);
  const seen = new Set<string>();
  const stack = [canonicalService(a)];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of dependenciesOf(topology, s)) {
      const c = canonicalService(d);
      if (c === target) return true;
      stack.push(c);
    }
  }
  return false;
}

function findKey(topology: Topology, service: string): string | undefined {
  const c = canonicalService(service);
  return Object.keys(topology).find((k) => canonicalService(k) === c);
}
