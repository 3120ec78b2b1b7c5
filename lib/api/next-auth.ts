import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { dataDir, getDb } from "@/db";
import { env } from "@/env";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { clientIp } from "@/lib/auth";
import { verifiedGithubEmail } from "@/lib/auth";
import { authSecret } from "@/lib/auth";
import { upsertOAuthUser, verifyCredentials } from "@/lib/auth";

const log = logger("auth");

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Whether GitHub sign-in is offered (both GITHUB_ID and GITHUB_SECRET set). */
export function githubEnabled(): boolean {
  const e = env();
  return Boolean(e.GITHUB_ID && e.GITHUB_SECRET);
}

function headerGetter(headers: Record<string, unknown> | undefined) {
  return {
    get(name: string): string | null {
      const v = headers?.[name.toLowerCase()];
      return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : null;
    },
  };
}

let cached: AuthOptions | undefined;

/**
 * next-auth options, built on first use (not at import, so `next build` never reads or writes the
 * generated secret). JWT sessions: the token carries only the user id; roles are read from the
 * database on every request, so a removed member loses access at once.
 */
export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const db = await getDb();
        try {
          const user = await verifyCredentials(db, credentials ?? {}, { ip: clientIp(headerGetter(req?.headers)) });
          if (!user) log.info({ email: credentials?.email }, "sign-in refused");
          return user ? { id: user.id, email: user.email, name: user.name, image: user.image } : null;
        } catch (err) {
          // next-auth hands the message to the client (signIn(...).error): keep it a safe one.
          if (isAppError(err)) throw new Error(err.message);
          log.error({ err }, "sign-in failed");
          throw new Error("Sign-in is unavailable right now.");
        }
      },
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    providers.push(
      GithubProvider({
        clientId: e.GITHUB_ID,
        clientSecret: e.GITHUB_SECRET,
        // The default falls back to the primary address even when it is unverified; users are
        // linked by email, so only a verified address may come through (else: GitHubEmail error).
        userinfo: {
          url: "https://api.github.com/user",
          async request({ client, tokens }) {
            const profile = await client.userinfo(tokens.access_token ?? "");
            const email = await verifiedGithubEmail(tokens.access_token, typeof profile.email === "string" ? profile.email : null);
            return { ...profile, email: email ?? undefined };
          },
        },
      }),
    );
  }

  cached = {
    secret: authSecret(dataDir()),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, user }) {
        // GitHub accounts are matched to Firedrill users by their (GitHub-verified) email.
        if (account?.provider === "github" && !user.email) return "/sign-in?error=GitHubEmail";
        return true;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "github" && user?.email) {
          const db = await getDb();
          const dbUser = await upsertOAuthUser(db, { email: user.email, name: user.name, image: user.image });
          token.sub = dbUser.id;
          token.name = dbUser.name;
          token.email = dbUser.email;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => log.error({ code, metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
  return cached;
}
