"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, MegaphoneIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";
import type { FilledTemplate } from "@/lib/sla/shared";

/** The communication templates filled from the incident (severity, service, impact, status, lead, link), each one click to copy. */
export function CommsTemplates({ workspaceSlug, incidentId, version }: { workspaceSlug: string; incidentId: string; version: number }) {
  const { data } = useQuery({
    queryKey: [...queryKeys.incident(workspaceSlug, incidentId), "comms", version],
    queryFn: ({ signal }) => fetchJson<{ templates: FilledTemplate[] }>(workspaceUrl(workspaceSlug, "incidents", incidentId, "comms"), { signal }),
    retry: retryUnless4xx,
  });
  const [copied, setCopied] = React.useState<string | null>(null);
  if (!data) return null;
  return (
    <details className="rounded-lg border" data-testid="comms-templates">
      <summary className="flex cursor-pointer items-center gap-2 px-4 py-3 text-sm font-semibold">
        <MegaphoneIcon className="text-muted-foreground size-4" /> Communication templates
      </summary>
      <div className="space-y-3 border-t p-4">
        {data.templates.map((t) => (
          <div key={t.key} className="space-y-1">
            <div className="flex items-center justify-between gap-2">
              <p className="text-xs font-medium">{t.label}</p>
              <Button
                size="sm"
                variant="ghost"
                data-testid={`comms-copy-${t.key}`}
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(t.text);
                    setCopied(t.key);
                    toast.success(`${t.label} copied.`);
                  } catch {
                    toast.error("The browser refused the clipboard; select the text and copy it.");
                  }
                }}
              >
                {copied === t.key ? <CheckIcon /> : <CopyIcon />} Copy
              </Button>
            </div>
            <pre className="bg-muted/40 rounded-md p-2 font-mono text-xs whitespace-pre-wrap" data-testid={`comms-text-${t.key}`}>
              {t.text}
            </pre>
          </div>
        ))}
      </div>
    </details>
  );
}
