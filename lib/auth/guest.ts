import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** A demo visitor: an anonymous animal with a colour, kept in a signed cookie. */
export type GuestIdentity = { id: string; name: string; color: string };

export const GUEST_COOKIE = "fd_guest";
export const GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

const animals = [
  "Otter", "Badger", "Heron", "Lynx", "Marmot", "Puffin", "Narwhal", "Ibex", "Koala", "Fox", "Owl", "Panda",
  "Quokka", "Raven", "Seal", "Tapir", "Walrus", "Yak", "Axolotl", "Beaver", "Capybara", "Dingo", "Gecko", "Hedgehog",
  "Jaguar", "Kiwi", "Lemur", "Manatee", "Ocelot", "Pelican", "Squirrel", "Wombat",
];
const colors = ["#e11d48", "#ea580c", "#d97706", "#65a30d", "#059669", "#0891b2", "#2563eb", "#7c3aed", "#c026d3", "#db2777"];

export function newGuestIdentity(random: () => number = Math.random): GuestIdentity {
  const animal = animals[Math.floor(random() * animals.length)];
  return { id: `guest_${randomUUID()}`, name: `Anonymous ${animal}`, color: colors[Math.floor(random() * colors.length)] };
}

const identitySchema = z.object({
  id: z.string().regex(/^guest_[0-9a-f-]{36}$/),
  name: z.string().min(1).max(40),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
});

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`firedrill-guest:${payload}`).digest("base64url");
}

export function signGuest(identity: GuestIdentity, secret: string): string {
  const payload = Buffer.from(JSON.stringify(identity)).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

/** The identity in a cookie value, or null if it is missing, malformed or not signed by us. */
export function verifyGuest(value: string | undefined | null, secret: string): GuestIdentity | null {
  if (!value) return null;
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = identitySchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
