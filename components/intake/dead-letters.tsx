"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { FileJsonIcon, Loader2Icon, RotateCcwIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { fetchJson, workspaceUrl } from "@/lib/api/client";
import { deleteDeadLetterAction } from "@/lib/actions/intake/delete-dead-letter";
import { replayDeadLetterAction } from "@/lib/actions/intake/replay-dead-letter";
import { useHydrated } from "@/components/hooks/use-hydrated";

export type DeadLetterRow = {
  id: string;
  source: string;
  status: number;
  reason: string;
  issues: { path: string; message: string }[];
  createdAt: string;
  replayedAt: string | null;
  replayStatus: number | null;
  size: number;
  preview: string;
};

/** Rejected intake requests (newest first, the last 10,000 kept), with their body and a replay button. */
export function DeadLetters({ workspaceSlug, letters, total }: { workspaceSlug: string; letters: DeadLetterRow[]; total: number }) {
  const router = useRouter();
  const [busy, setBusy] = React.useState<string | null>(null);
  const [body, setBody] = React.useState<{ id: string; text: string } | null>(null);
  const hydrated = useHydrated();

  async function replay(id: string) {
    setBusy(id);
    const r = await replayDeadLetterAction(workspaceSlug, id);
    setBusy(null);
    if (!r.ok) return toast.error(r.error);
    if (r.data.replayed) toast.success(`Replayed: accepted with ${r.data.status}`);
    else toast.error(`Still rejected (${r.data.status}): ${(r.data.body as { error?: string })?.error ?? "see the issues"}`);
    router.refresh();
  }

  async function remove(id: string) {
    const r = await deleteDeadLetterAction(workspaceSlug, id);
    if (!r.ok) return toast.error(r.error);
    router.refresh();
  }

  async function show(id: string) {
    let text: string;
    try {
      text = (await fetchJson<{ id: string; body: string }>(workspaceUrl(workspaceSlug, "intake", "dead-letters", id))).body;
    } catch (e) {
      return toast.error((e as Error).message);
    }
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON (that may be why it was rejected): show it as sent.
    }
    setBody({ id, text: text || "(empty: the body was over the size limit and was not kept)" });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Dead letters</CardTitle>
        <CardDescription>
          Requests intake rejected (bad JSON, invalid fields, unknown payload shape, too large), kept so you can see what was sent and
          replay it once the sender or the mapping is fixed. {total} kept (newest 10,000).
        </CardDescription>
      </CardHeader>
      <CardContent>
        {letters.length === 0 ? (
          <p className="text-muted-foreground text-sm">Nothing rejected.</p>
        ) : (
          <ul className="divide-y text-sm" data-testid="dead-letters" data-hydrated={hydrated ? "true" : undefined}>
            {letters.map((l) => (
              <li key={l.id} className="space-y-1 py-2" data-testid="dead-letter">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant="outline" className="font-mono">
                    {l.status}
                  </Badge>
                  <span className="font-medium">{l.source}</span>
                  <span className="text-muted-foreground text-xs" suppressHydrationWarning>
                    {new Date(l.createdAt).toLocaleString()} · {l.size} bytes
                  </span>
                  {l.replayedAt ? <Badge variant="secondary">replayed</Badge> : l.replayStatus ? <Badge variant="destructive">replay failed ({l.replayStatus})</Badge> : null}
                  <span className="ml-auto flex gap-1">
                    <Button variant="ghost" size="sm" onClick={() => show(l.id)}>
                      <FileJsonIcon /> Body
                    </Button>
                    {!l.replayedAt ? (
                      <Button variant="outline" size="sm" disabled={busy === l.id} onClick={() => replay(l.id)}>
                        {busy === l.id ? <Loader2Icon className="animate-spin" /> : <RotateCcwIcon />} Replay
                      </Button>
                    ) : null}
                    <Button variant="ghost" size="icon-sm" aria-label="Delete dead letter" onClick={() => remove(l.id)}>
                      <Trash2Icon />
                    </Button>
                  </span>
                </div>
                <p className="break-words">{l.reason}</p>
                {l.issues.length > 0 ? (
                  <ul className="text-muted-foreground list-inside list-disc text-xs">
                    {l.issues.slice(0, 8).map((i, n) => (
                      <li key={n}>
                        <code className="font-mono">{i.path}</code> {i.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <Dialog open={!!body} onOpenChange={(o) => !o && setBody(null)}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>Rejected body</DialogTitle>
            <DialogDescription>Exactly as it was received.</DialogDescription>
          </DialogHeader>
          <pre className="bg-muted max-h-[60vh] overflow-auto rounded-md p-3 font-mono text-xs">{body?.text}</pre>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
