"use client";

import * as React from "react";
import { usePathname, useRouter } from "next/navigation";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";

/**
 * The incident over the board (intercepted route): closing goes back to the board. A parallel slot
 * keeps what it last showed when a client-side navigation leaves for a page it has no match for, so
 * the dialog hides itself once the URL is no longer an incident's.
 */
export function IncidentDialog({ title, children }: { title: string; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  if (!pathname.startsWith("/incidents/")) return null;
  return (
    <Dialog open onOpenChange={(open) => !open && router.back()}>
      <DialogContent
        data-testid="incident-dialog"
        className="block max-h-[92vh] max-w-[calc(100%-1rem)] overflow-y-auto p-4 sm:max-w-5xl sm:p-6 xl:max-w-6xl"
        onOpenAutoFocus={(e) => e.preventDefault()}
      >
        <DialogTitle className="sr-only">{title}</DialogTitle>
        <DialogDescription className="sr-only">Incident details, timeline and controls</DialogDescription>
        {children}
      </DialogContent>
    </Dialog>
  );
}
