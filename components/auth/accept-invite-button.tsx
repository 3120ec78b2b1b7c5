"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { acceptInviteAction } from "@/lib/actions/workspaces/accept-invite";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FormError } from "@/components/forms/form-errors";

export function AcceptInviteButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function accept() {
    setPending(true);
    setError(undefined);
    const r = await acceptInviteAction(token);
    setPending(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    router.push("/board");
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <Button className="w-full" onClick={accept} disabled={pending || !hydrated} data-hydrated={hydrated ? "true" : undefined}>
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
      <FormError message={error} />
    </div>
  );
}
