"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resetDemoAction } from "@/lib/actions/workspaces/reset-demo";

/** Shown to admins of the demo workspace: puts the demo back to its sample incidents now. */
export function ResetDemoButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() => {
        if (!window.confirm("Reset the demo for everyone? All changes visitors made are removed.")) return;
        startTransition(async () => {
          const r = await resetDemoAction("demo");
          if (!r.ok) toast.error(r.error);
          else toast.success("The demo is back to its seed.");
          router.refresh();
        });
      }}
    >
      <RotateCcw /> Reset demo
    </Button>
  );
}
