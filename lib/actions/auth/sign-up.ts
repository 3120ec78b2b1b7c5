"use server";

import { headers } from "next/headers";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/resolve-actor";
import { createUser, type PublicUser } from "@/lib/auth/users";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { failure, type Result } from "@/lib/result";

/** Creates an account (the form then signs in with the same credentials). 20 sign-ups / 15 min per IP. */
export async function signUp(input: { name: string; email: string; password: string }): Promise<Result<PublicUser>> {
  try {
    sharedLimiter("sign-up:ip", 20, 15 * 60_000).consume(clientIp(await headers()), 1, "Too many sign-ups from your network. Try again later.");
  } catch (e) {
    return failure(e);
  }
  return createUser(await getDb(), input);
}
