import { env } from "@/env";

/** The client's IP as the proxy in front reports it, or "unknown". */
export function clientIp(headers: { get(name: string): string | null }): string {
  // Each trusted proxy appends the address it saw, so the client is the entry `hops` from the right;
  // anything further left was written by the client itself and could be forged.
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = env().TRUST_PROXY_HOPS;
  const fromProxy = chain.length ? chain[Math.max(0, chain.length - hops)] : undefined;
  return fromProxy || headers.get("x-real-ip")?.trim() || "unknown";
}
