import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { getAuthOptions } from "@/lib/api/next-auth";
import { verifiedGithubEmail } from "./github-email";
import { resetAuthSecretCache } from "./secret";

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

function emailsApi(emails: GitHubEmail[] | null) {
  return vi.fn(async () => (emails ? new Response(JSON.stringify(emails), { status: 200 }) : new Response("{}", { status: 403 })));
}

afterEach(() => vi.restoreAllMocks());

// GitHub accounts are linked to Firedrill users by email, so only an address GitHub verified may count:
// otherwise anyone could add a victim's address to their GitHub account and sign in as them.
describe("verifiedGithubEmail", () => {
  it("takes the primary address when GitHub verified it", async () => {
    const fetcher = emailsApi([
      { email: "old@example.com", primary: false, verified: true },
      { email: "ada@example.com", primary: true, verified: true },
    ]);
    expect(await verifiedGithubEmail("token-1", null, fetcher)).toBe("ada@example.com");
    expect(fetcher).toHaveBeenCalledWith("https://api.github.com/user/emails", expect.objectContaining({ headers: expect.objectContaining({ Authorization: "token token-1" }) }));
  });

  it("refuses an unverified primary address, even when a verified one exists", async () => {
    const fetcher = emailsApi([
      { email: "victim@example.com", primary: true, verified: false },
      { email: "attacker@example.com", primary: false, verified: true },
    ]);
    expect(await verifiedGithubEmail("t", null, fetcher)).toBeNull();
  });

  it("keeps the public profile address only when it is among the verified ones", async () => {
    const fetcher = emailsApi([
      { email: "Ada@Example.com", primary: true, verified: true },
      { email: "victim@example.com", primary: false, verified: false },
    ]);
    expect(await verifiedGithubEmail("t", "ada@example.com", fetcher)).toBe("ada@example.com");
    expect(await verifiedGithubEmail("t", "victim@example.com", fetcher)).toBeNull();
  });

  it("gives no address when GitHub does not say which are verified", async () => {
    expect(await verifiedGithubEmail("t", "ada@example.com", emailsApi(null))).toBeNull();
    expect(await verifiedGithubEmail(undefined, "ada@example.com", emailsApi([]))).toBeNull();
  });
});

describe("GitHub sign-in", () => {
  it("does not hand next-auth an unverified primary address to link an account by", async () => {
    vi.stubEnv("GITHUB_ID", "gh-id");
    vi.stubEnv("GITHUB_SECRET", "gh-secret");
    vi.stubEnv("NEXTAUTH_SECRET", "test-secret-for-github-email-0123456789");
    resetEnvCache();
    resetAuthSecretCache();
    try {
      type Userinfo = { request: (ctx: unknown) => Promise<{ email?: string | null }> };
      const provider = getAuthOptions().providers.find((p) => p.id === "github") as unknown as { userinfo: Userinfo; options?: { userinfo?: Partial<Userinfo> } };
      expect(provider).toBeDefined();
      // next-auth merges the options given to GithubProvider over its defaults.
      const request = provider.options?.userinfo?.request ?? provider.userinfo.request;
      vi.stubGlobal("fetch", emailsApi([{ email: "victim@example.com", primary: true, verified: false }]));
      const profile = await request({ client: { userinfo: async () => ({ id: 7, login: "mallory", email: null }) }, tokens: { access_token: "t" }, provider });
      expect(profile.email ?? null).toBeNull();
      vi.stubGlobal("fetch", emailsApi([{ email: "ada@example.com", primary: true, verified: true }]));
      expect((await request({ client: { userinfo: async () => ({ id: 8, login: "ada", email: null }) }, tokens: { access_token: "t" }, provider })).email).toBe("ada@example.com");
    } finally {
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
      resetEnvCache();
      resetAuthSecretCache();
    }
  });
});
