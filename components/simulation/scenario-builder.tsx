"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CheckCircle2Icon, DownloadIcon, Loader2Icon, SaveIcon, UploadIcon, XCircleIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { saveScenarioAction } from "@/lib/actions/simulation/save-scenario";
import { allFaults, patternTypes, scenarioSchema, unknownServices } from "@/lib/simulation/shared";
import { type Topology } from "@/lib/topology";

type Issue = { path: string; message: string };

/** Checks the text as the server will: JSON, the format, and the workspace's services. */
function check(text: string, services: string[]): { issues: Issue[]; summary?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { issues: [{ path: "(json)", message: (e as Error).message }] };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message })) };
  const topology = { services: services.map((name) => ({ name })) } as unknown as Topology;
  const issues = unknownServices(parsed.data, topology);
  const faults = allFaults(parsed.data);
  return {
    issues,
    summary: `${parsed.data.name}: ${faults.length} fault${faults.length === 1 ? "" : "s"} on ${[...new Set(faults.map((f) => f.service))].join(", ")}, ${faults.reduce((n, f) => n + f.metrics.length, 0)} metrics over ${parsed.data.duration_seconds} s${parsed.data.phases?.length ? ` in ${parsed.data.phases.length} phases` : ""}.`,
  };
}

/**
 * The scenario builder: the declarative format as JSON, validated as you type (each problem named
 * by its path), imported from and exported to a file, saved to the workspace's catalog.
 */
export function ScenarioBuilder({ workspaceSlug, basePath, initial, services }: { workspaceSlug: string; basePath: string; initial: string; services: string[] }) {
  const router = useRouter();
  const [text, setText] = React.useState(initial);
  const [serverIssues, setServerIssues] = React.useState<Issue[]>([]);
  const [pending, setPending] = React.useState(false);
  const fileRef = React.useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const result = React.useMemo(() => check(text, services), [text, services]);
  const issues = serverIssues.length ? serverIssues : result.issues;

  async function save() {
    setPending(true);
    const r = await saveScenarioAction(workspaceSlug, JSON.parse(text));
    setPending(false);
    if (!r.ok) {
      setServerIssues(r.issues ?? [{ path: "(scenario)", message: r.error }]);
      return toast.error(r.error);
    }
    setServerIssues([]);
    toast.success(`Saved “${r.data.name}” to the catalog`);
    router.push(`${basePath}/scenarios`);
    router.refresh();
  }

  function exportJson() {
    let id = "scenario";
    try {
      id = (JSON.parse(text) as { id?: string }).id ?? id;
    } catch {}
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function importFile(file: File) {
    const content = await file.text();
    try {
      setText(JSON.stringify(JSON.parse(content), null, 2));
    } catch {
      setText(content);
    }
    setServerIssues([]);
    toast.message(`Imported ${file.name}`);
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]" data-testid="scenario-builder" data-hydrated={hydrated}>
      <div className="space-y-2">
        <Label htmlFor="scenario-json">Scenario (JSON)</Label>
        <Textarea
          id="scenario-json"
          data-testid="scenario-json"
          spellCheck={false}
          className="min-h-[32rem] font-mono text-xs"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setServerIssues([]);
          }}
        />
        <div className="flex flex-wrap gap-2">
          <Button onClick={save} disabled={pending || result.issues.length > 0} data-testid="save-scenario">
            {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : <SaveIcon aria-hidden />} Save to catalog
          </Button>
          <Button variant="outline" onClick={() => fileRef.current?.click()}>
            <UploadIcon aria-hidden /> Import JSON
          </Button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="hidden"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
              e.target.value = "";
            }}
          />
          <Button variant="outline" onClick={exportJson}>
            <DownloadIcon aria-hidden /> Export JSON
          </Button>
          <Button asChild variant="ghost">
            <Link href={`${basePath}/scenarios`}>Back to scenarios</Link>
          </Button>
        </div>
      </div>
      <div className="space-y-4">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2 text-base">
              {issues.length === 0 ? <CheckCircle2Icon className="size-4 text-emerald-600" aria-hidden /> : <XCircleIcon className="size-4 text-red-600" aria-hidden />}
              {issues.length === 0 ? "Valid" : `${issues.length} problem${issues.length === 1 ? "" : "s"}`}
            </CardTitle>
            {issues.length === 0 && result.summary ? <CardDescription>{result.summary}</CardDescription> : null}
          </CardHeader>
          {issues.length ? (
            <CardContent>
              <ul className="space-y-1 text-sm" data-testid="scenario-issues">
                {issues.map((i, n) => (
                  <li key={n}>
                    <code className="bg-muted rounded px-1 text-xs">{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            </CardContent>
          ) : null}
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Format</CardTitle>
          </CardHeader>
          <CardContent className="text-muted-foreground space-y-2 text-xs">
            <p>
              Each fault breaks a <strong>service</strong> from <code>start_offset_seconds</code>, driving <strong>metrics</strong> from their <code>baseline</code> toward{" "}
              <code>value</code> (<code>sigma</code> standard deviations away) with a pattern: {patternTypes.join(", ")}.
            </p>
            <p>
              <code>phases</code> chain faults (a leak, then OOM kills). <code>fixed_by</code> lists the actions that heal a fault. <code>context</code> carries{" "}
              <code>recent_deploys</code> and <code>feature_flags</code> for the diagnosis; <code>conversation</code> scripts the war room.
            </p>
            <p>Services of this workspace: {services.join(", ")}.</p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
