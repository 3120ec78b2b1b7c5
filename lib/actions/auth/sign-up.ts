"use server";

import { createUser } from "@/lib/auth";
import { publicAction } from "@/lib/actions/define";
import { sharedLimiter } from "@/lib/rate-limit/limiter";

/** Creates an account (the form then signs in with the same credentials). 20 sign-ups / 15 min per IP. */
export const signUp = publicAction("auth.signUp", async ({ db, ip }, input: { name: string; email: string; password: string }) => {
  sharedLimiter("sign-up:ip", 20, 15 * 60_000).consume(ip, 1, "Too many sign-ups from your network. Try again later.");
  return createUser(db, input);
});
