import bcrypt from "bcryptjs";
import { z } from "zod";

/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so refuse them. */
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "must be at most 72 bytes");

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A readable random password for generated accounts (first-start admin). */
export function generatePassword(): string {
  const words = ["amber", "brisk", "cedar", "delta", "ember", "fjord", "gale", "harbor", "iris", "juniper", "kite", "lumen", "maple", "nova", "orbit", "pine", "quartz", "ridge", "sable", "tide"];
  const bytes = crypto.getRandomValues(new Uint32Array(4));
  return `${words[bytes[0] % words.length]}-${words[bytes[1] % words.length]}-${words[bytes[2] % words.length]}-${(bytes[3] % 9000) + 1000}`;
}
