type GitHubEmail = { email?: unknown; primary?: unknown; verified?: unknown };

/**
 * The GitHub account's email, only if GitHub verified it: the public profile address when it is
 * verified, else the verified primary one; null otherwise. Firedrill links GitHub sign-ins to
 * existing users by email, so an unverified address (anyone can add one) must never count.
 */
export async function verifiedGithubEmail(accessToken: string | undefined, profileEmail: string | null | undefined, fetcher: typeof fetch = fetch): Promise<string | null> {
  if (!accessToken) return null;
  let emails: GitHubEmail[];
  try {
    const res = await fetcher("https://api.github.com/user/emails", {
      headers: { Authorization: `token ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "firedrill" },
    });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    if (!Array.isArray(body)) return null;
    emails = body as GitHubEmail[];
  } catch {
    return null;
  }
  const verified = emails.filter((e): e is { email: string; primary?: unknown; verified: true } => typeof e.email === "string" && e.verified === true);
  if (profileEmail) {
    const match = verified.find((e) => e.email.toLowerCase() === profileEmail.toLowerCase());
    return match ? profileEmail : null;
  }
  return verified.find((e) => e.primary === true)?.email ?? null;
}
