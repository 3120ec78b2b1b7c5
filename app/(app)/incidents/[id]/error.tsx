"use client";

import { RouteError } from "@/components/common/route-error";

/** Rendering the incident threw: say so, offer a retry and a way back (the header stays usable). */
export default function IncidentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} section="incident" />;
}
