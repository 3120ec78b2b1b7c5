"use client";

import { RouteError } from "@/components/common/route-error";

/** Rendering the approvals inbox threw: say so, offer a retry and a way back (the header stays usable). */
export default function ApprovalsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} section="approvals inbox" />;
}
