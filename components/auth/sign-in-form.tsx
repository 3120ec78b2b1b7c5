"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FormError } from "@/components/forms/form-errors";

const errorMessages: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  GitHubEmail: "Your GitHub account has no public or verified email; sign up with email instead.",
  OAuthSignin: "GitHub sign-in failed. Try again.",
  OAuthCallback: "GitHub sign-in failed. Try again.",
  RateLimited: "Too many sign-in attempts for this account or network. Wait about 15 minutes and try again.",
};

export function SignInForm({ callbackUrl, github, initialError }: { callbackUrl: string; github: boolean; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError ? (errorMessages[initialError] ?? initialError) : undefined);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const r = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
    setPending(false);
    if (!r || r.error) {
      setError(r?.error ? (errorMessages[r.error] ?? r.error) : "Sign-in failed. Try again.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" data-hydrated={hydrated ? "true" : undefined}>
        <div className="space-y-2">
          <Label htmlFor="email">Email</Label>
          <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </div>
        <div className="space-y-2">
          <Label htmlFor="password">Password</Label>
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <FormError message={error} testId="sign-in-error" />
        <Button type="submit" className="w-full" disabled={pending || !hydrated}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {github ? (
        <Button variant="outline" className="w-full" onClick={() => void signIn("github", { callbackUrl })}>
          Continue with GitHub
        </Button>
      ) : null}
      <p className="text-muted-foreground text-center text-sm">
        New here?{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="underline underline-offset-4">
          Create an account
        </Link>
      </p>
    </div>
  );
}
