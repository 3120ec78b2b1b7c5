"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon, SparklesIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { generateIncidentAction } from "@/lib/actions/generator/generate-incident";
import { updateGeneratorAction } from "@/lib/actions/generator/update-generator";
import type { GeneratorStatus } from "@/lib/generator/shared";
import { cn } from "@/lib/utils";
import { untilText, useGenerator } from "./use-generator";

/**
 * The generator on the board: its state (on, next incident in…), a switch, and "Generate incident".
 * Self-contained (slug and whether the viewer may run it), so it can sit in any header.
 */
export function GeneratorControl({ workspaceSlug, canRun, basePath = "", className, initial }: { workspaceSlug: string; canRun: boolean; basePath?: string; className?: string; initial?: GeneratorStatus }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const { data, set } = useGenerator(workspaceSlug, initial);
  const [pending, startTransition] = React.useTransition();
  const [generating, setGenerating] = React.useState(false);
  const [, tick] = React.useReducer((x: number) => x + 1, 0);
  React.useEffect(() => {
    const id = setInterval(tick, 10_000);
    return () => clearInterval(id);
  }, []);
  if (!data) return null;
  const next = hydrated ? untilText(data.nextRunAt) : null;

  const toggle = (enabled: boolean) =>
    startTransition(async () => {
      const r = await updateGeneratorAction(workspaceSlug, { enabled });
      if (r.ok) set(r.data);
      else toast.error(r.error);
    });

  const generate = async () => {
    setGenerating(true);
    try {
      const r = await generateIncidentAction(workspaceSlug, {});
      if (r.ok) {
        toast.success(`Generated INC-${r.data.number}: ${r.data.title}`, {
          action: { label: "Open", onClick: () => router.push(`${basePath}/incidents/${r.data.id}`) },
        });
      } else toast.error(r.error);
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setGenerating(false);
    }
  };

  return (
    <div className={cn("flex items-center gap-2 text-xs", className)} data-testid="generator-control" data-enabled={data.enabled ? "true" : "false"}>
      <label className="flex items-center gap-1.5" title="Creates a synthetic incident every few minutes">
        <Switch checked={data.enabled} onCheckedChange={toggle} disabled={!canRun || !hydrated || pending} aria-label="Incident generator" data-testid="generator-switch" />
        <span className="text-muted-foreground whitespace-nowrap">
          Generator {data.enabled ? "on" : "off"}
          {data.enabled && next ? ` · next ${next}` : ""}
          {data.batch ? ` · batch ${data.batch.remaining} left` : ""}
        </span>
      </label>
      {canRun && (
        <Button size="sm" variant="outline" className="h-7" onClick={() => void generate()} disabled={!hydrated || generating} data-testid="generate-incident">
          {generating ? <Loader2Icon className="animate-spin" /> : <SparklesIcon />}
          <span className="hidden sm:inline">Generate incident</span>
        </Button>
      )}
    </div>
  );
}
