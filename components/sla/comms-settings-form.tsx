"use client";

import * as React from "react";
import { Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateCommsTemplatesAction } from "@/lib/actions/sla/update-comms-templates";
import { commsPlaceholders, commsTemplateKeys, commsTemplateLabels, defaultCommsTemplates, type CommsTemplateKey } from "@/lib/sla/shared";

/** Settings → Communication: the three templates of the workspace, with the placeholders they may use. */
export function CommsSettingsForm({ workspaceSlug, templates, canEdit }: { workspaceSlug: string; templates: Record<CommsTemplateKey, string>; canEdit: boolean }) {
  const hydrated = useHydrated();
  const [value, setValue] = React.useState(templates);
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, start] = React.useTransition();
  return (
    <form
      className="space-y-4"
      data-testid="comms-settings"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateCommsTemplatesAction(workspaceSlug, value);
          if (!r.ok) {
            setErrors(r.fieldErrors ?? {});
            return void toast.error(r.error);
          }
          setErrors({});
          toast.success("Templates saved.");
        });
      }}
    >
      <p className="text-muted-foreground text-sm">
        Placeholders: {commsPlaceholders.map((p) => `{{${p}}}`).join(" ")}
        {!canEdit && " · Only admins can change the templates."}
      </p>
      {commsTemplateKeys.map((k) => (
        <div key={k} className="space-y-1.5">
          <div className="flex items-center justify-between">
            <Label htmlFor={`comms-${k}`}>{commsTemplateLabels[k]}</Label>
            {canEdit && (
              <Button type="button" size="sm" variant="ghost" onClick={() => setValue((v) => ({ ...v, [k]: defaultCommsTemplates[k] }))}>
                Reset to default
              </Button>
            )}
          </div>
          <Textarea id={`comms-${k}`} rows={7} className="font-mono text-xs" value={value[k]} disabled={!canEdit || !hydrated} onChange={(e) => setValue((v) => ({ ...v, [k]: e.target.value }))} />
          {errors[k] && <p className="text-destructive text-xs">{errors[k][0]}</p>}
        </div>
      ))}
      {canEdit && (
        <Button type="submit" size="sm" disabled={pending || !hydrated}>
          {pending && <Loader2Icon className="animate-spin" />} Save templates
        </Button>
      )}
    </form>
  );
}
