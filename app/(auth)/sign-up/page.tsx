import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback";
import { sessionUser } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // A new account has no workspace yet: unless an invite brought them here, they create one next.
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/new-workspace");
  if (await sessionUser()) redirect(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Create your account</CardTitle>
        <CardDescription>Then create a workspace for your team, or join one with an invite link.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignUpForm callbackUrl={callbackUrl === "/board" ? "/new-workspace" : callbackUrl} email={typeof params.email === "string" ? params.email : undefined} />
      </CardContent>
    </Card>
  );
}
