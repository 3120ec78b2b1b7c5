"use client";

import * as React from "react";
import Link from "next/link";
import { KeyRoundIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { createIngestKeyAction } from "@/lib/actions/intake/create-ingest-key";
import { CopyButton } from "@/components/common/copy-button";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { curlExample, intakeExamples } from "./examples";

/**
 * The intake URL of each integration with a curl example. Keys are stored hashed, so the example uses
 * $FIREDRILL_KEY unless an admin creates an ingest key here (shown once, then filled in).
 */
export function IntakeUrls({
  workspaceSlug,
  origin,
  isAdmin,
  ingestKeys,
}: {
  workspaceSlug: string;
  origin: string;
  isAdmin: boolean;
  ingestKeys: { name: string; prefix: string }[];
}) {
  const [created, setCreated] = React.useState<string | null>(null);
  const [name, setName] = React.useState("Monitoring");
  const [pending, setPending] = React.useState(false);
  const key = created ?? "$FIREDRILL_KEY";
  const hydrated = useHydrated();

  async function create() {
    setPending(true);
    const r = await createIngestKeyAction(workspaceSlug, { name });
    setPending(false);
    if (!r.ok) return toast.error(r.error);
    setCreated(r.data.key);
    toast.success("Ingest key created. Copy it now: it will not be shown again.");
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Intake URLs</CardTitle>
        <CardDescription>
          Point your monitoring here with an API key that has the <code className="font-mono">ingest</code> scope. Bodies up to 1 MiB;
          retries with the same <code className="font-mono">Idempotency-Key</code> header count once. Every field of each format is in the{" "}
          <Link href="/docs/api" className="text-foreground underline underline-offset-4" data-testid="api-reference-link">
            API reference
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <div className="space-y-2 text-sm" data-testid="ingest-key-panel">
          {created ? (
            <div className="space-y-1">
              <p className="font-medium">Your new ingest key (shown once):</p>
              <div className="flex items-center gap-2">
                <code className="bg-muted rounded px-2 py-1 font-mono text-xs break-all" data-testid="new-ingest-key">
                  {created}
                </code>
                <CopyButton text={created} label="Copy key" />
              </div>
            </div>
          ) : ingestKeys.length > 0 ? (
            <p className="text-muted-foreground">
              Ingest keys of this workspace: {ingestKeys.map((k) => `${k.name} (${k.prefix}…)`).join(", ")}. Set{" "}
              <code className="font-mono">FIREDRILL_KEY</code> to one of them.
            </p>
          ) : (
            <p className="text-muted-foreground">This workspace has no ingest key yet.</p>
          )}
          {isAdmin && !created ? (
            <form
              className="flex max-w-md items-center gap-2"
              data-hydrated={hydrated ? "true" : undefined}
              onSubmit={(e) => {
                e.preventDefault();
                void create();
              }}
            >
              <Input aria-label="Key name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
              <Button type="submit" disabled={pending || !name.trim()}>
                {pending ? <Loader2Icon className="animate-spin" /> : <KeyRoundIcon />}
                Create ingest key
              </Button>
            </form>
          ) : null}
        </div>
        {intakeExamples.map((ex) => {
          const url = `${origin}${ex.path}`;
          const curl = curlExample(origin, ex, key);
          return (
            <section key={ex.id} className="space-y-2" data-testid={`intake-${ex.id}`}>
              <h3 className="font-medium">{ex.name}</h3>
              <p className="text-muted-foreground text-sm">{ex.description}</p>
              <div className="flex items-center gap-2">
                <code className="bg-muted min-w-0 flex-1 truncate rounded px-2 py-1.5 font-mono text-xs" data-testid="intake-url">
                  {url}
                </code>
                <CopyButton text={url} label="Copy URL" />
              </div>
              <div className="relative">
                <pre className="bg-muted overflow-x-auto rounded-md p-3 pr-28 font-mono text-xs">{curl}</pre>
                <div className="absolute top-2 right-2">
                  <CopyButton text={curl} label="Copy curl" />
                </div>
              </div>
            </section>
          );
        })}
      </CardContent>
    </Card>
  );
}
