"use client";

import * as React from "react";
import Link from "next/link";
import { RotateCcwIcon, TriangleAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * What a section shows when rendering it threw: what happened in plain words, the error's digest
 * (the server log has the details under it), a retry and a way back. Used by every error.tsx.
 */
export function RouteError({
  error,
  reset,
  section,
  backHref = "/board",
  backLabel = "Back to the board",
}: {
  error: Error & { digest?: string };
  reset: () => void;
  section: string;
  backHref?: string;
  backLabel?: string;
}) {
  React.useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto flex w-full max-w-xl flex-col items-center gap-3 px-4 py-20 text-center" data-testid="route-error">
      <TriangleAlertIcon className="text-destructive size-10" aria-hidden />
      <h1 className="text-xl font-semibold">The {section} could not be shown</h1>
      <p className="text-muted-foreground text-sm">
        Something went wrong on our side while loading it. Nothing you entered was lost. Try again; if it keeps happening, the server log has the details
        {error.digest ? (
          <>
            {" "}
            under <code className="bg-muted rounded px-1 font-mono text-xs">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Button onClick={() => reset()} data-testid="route-error-retry">
          <RotateCcwIcon /> Try again
        </Button>
        <Button asChild variant="outline">
          <Link href={backHref}>{backLabel}</Link>
        </Button>
      </div>
    </div>
  );
}
