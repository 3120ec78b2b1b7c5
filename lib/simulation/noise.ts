/**
 * Seeded noise as a pure function of (seed, key, time bucket): the same seed gives the same series
 * whatever order or cadence the world is evaluated in, so runs, charts and tests agree exactly.
 */

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

const keyCache = new Map<string, number>();

/** FNV-1a of a string, cached (the same few hundred service:metric keys recur every tick). */
export function keyHash(key: string): number {
  let h = keyCache.get(key);
  if (h !== undefined) return h;
  h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h >>>= 0;
  if (keyCache.size < 50_000) keyCache.set(key, h);
  return h;
}

/** Uniform in (0, 1). */
export function uniform(seed: number, key: number, bucket: number, salt = 0): number {
  return (mix(mix(mix(seed | 0, key), bucket | 0), salt) + 0.5) / 4294967296;
}

/** Standard normal (Box–Muller) for one (seed, key, bucket). */
export function gaussian(seed: number, key: number, bucket: number): number {
  const u1 = uniform(seed, key, bucket, 1);
  const u2 = uniform(seed, key, bucket, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A random 31-bit seed for runs started without one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
