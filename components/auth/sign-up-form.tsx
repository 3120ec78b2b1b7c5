"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signUp } from "@/lib/actions/auth/sign-up";
import { FieldError, FormError } from "@/components/forms/form-errors";
import { useHydrated } from "@/components/hooks/use-hydrated";

export function SignUpForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(undefined);
    setFieldErrors({});
    const created = await signUp(input);
    if (!created.ok) {
      setPending(false);
      setError(created.fieldErrors ? undefined : created.error);
      setFieldErrors(created.fieldErrors ?? {});
      return;
    }
    const r = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    setPending(false);
    if (!r || r.error) {
      setError("Your account was created, but signing in failed. Try signing in.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" data-hydrated={hydrated ? "true" : undefined}>
        <div className="space-y-2">
          <Label htmlFor="name">Name</Label>
          <Input id="name" name="name" autoComplete="name" required autoFocus />
          <FieldError errors={fieldErrors.name} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="email">Email</Label>
          <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={email} />
          <FieldError errors={fieldErrors.email} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="password">Password</Label>
          <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} />
          <p className="text-muted-foreground text-xs">At least 8 characters.</p>
          <FieldError errors={fieldErrors.password} />
        </div>
        <FormError message={error} />
        <Button type="submit" className="w-full" disabled={pending || !hydrated}>
          {pending ? "Creating your account…" : "Create account"}
        </Button>
      </form>
      <p className="text-muted-foreground text-center text-sm">
        Already have an account?{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </div>
  );
}
