import { createHmac, timingSafeEqual } from "node:crypto";

/** Header names of an outbound webhook request. */
export const SIGNATURE_HEADER = "x-firedrill-signature";
export const TIMESTAMP_HEADER = "x-firedrill-timestamp";
export const EVENT_HEADER = "x-firedrill-event";
export const DELIVERY_HEADER = "x-firedrill-delivery";

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the receiver recomputes it from the raw body. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Constant-time check of a received signature (what a receiver does; used by the tests). */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
