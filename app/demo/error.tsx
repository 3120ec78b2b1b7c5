"use client";

import { RouteError } from "@/components/common/route-error";

/** Rendering the demo threw: say so, offer a retry and a way back (the header stays usable). */
export default function DemoError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} section="demo" backHref="/demo" backLabel="Back to the demo board" />;
}
