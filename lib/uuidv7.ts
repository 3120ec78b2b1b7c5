import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;
let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, with a 12-bit
 * counter so ids made in the same millisecond still sort in order. Rows keyed by it land at the
 * right edge of their primary-key index instead of on random pages: what a high-volume append-only
 * table (intake events) needs to keep inserts cheap as it grows.
 */
export function uuidv7(now = Date.now()): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  if (now > lastMs) {
    lastMs = now;
    sequence = b[6] & 0x03; // a random start, low enough to leave room for many ids per millisecond
  } else {
    now = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      // More than 4,096 ids in one millisecond: borrow the next millisecond.
      lastMs = now = lastMs + 1;
      sequence = 0;
    }
  }
  b[0] = (now / 2 ** 40) & 0xff;
  b[1] = (now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  b[7] = sequence & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
