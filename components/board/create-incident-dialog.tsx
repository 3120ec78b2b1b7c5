"use client";

import { NEW_INCIDENT_EVENT } from "@/components/app-shell/shortcut-events";
import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { SeverityBadge, severityLabels } from "@/components/incidents/severity-badge";
import { statusLabels } from "@/components/incidents/status-badge";
import type { IncidentStatus, Severity } from "@/db/schema";
import { createIncidentAction } from "@/lib/actions/incidents/create-incident";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { severityOptions, type FacetsView } from "@/lib/incidents/shared";
import { TagInput } from "@/components/common/tag-input";
import { FieldError } from "@/components/forms/form-errors";
import { SeverityPolicyLine } from "@/components/sla/severity-policy-line";

type Draft = {
  title: string;
  description: string;
  service: string;
  severity: Severity;
  team: string;
  affectedSystems: string[];
  status: IncidentStatus;
  receivesIntake: boolean;
};

const emptyDraft: Draft = { title: "", description: "", service: "", severity: "P2", team: "", affectedSystems: [], status: "triage", receivesIntake: true };
const createStatuses: IncidentStatus[] = ["triage", "investigating", "fixing", "resolved"];

type FieldErrors = Record<string, string[]>;

/** Errors of a field and of its items (affectedSystems.0 belongs to affectedSystems). */
function errorsFor(errors: FieldErrors, field: keyof Draft): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}


type FieldState = { messages: string[]; invalid: boolean; errorId: string };

/** A text field with suggestions from the workspace (a datalist) and its validation messages. */
function SuggestField({
  field,
  label,
  value,
  onChange,
  placeholder,
  suggestions,
  state,
}: {
  field: "service" | "team";
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  suggestions: string[];
  state: FieldState;
}) {
  const listId = `create-incident-${field === "service" ? "services" : "teams"}`;
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={`create-incident-${field}`}>{label}</Label>
      <Input
        id={`create-incident-${field}`}
        name={field}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-invalid={state.invalid || undefined}
        aria-describedby={state.invalid ? state.errorId : undefined}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <FieldError id={state.errorId} errors={state.messages} />
    </div>
  );
}

export function CreateIncidentDialog({ workspaceSlug, basePath, facets }: { workspaceSlug: string; basePath: string; facets: FacetsView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  // The `c` shortcut and the command palette ask for this dialog with a window event.
  React.useEffect(() => {
    const onAsk = () => setOpen(true);
    window.addEventListener(NEW_INCIDENT_EVENT, onAsk);
    if (new URLSearchParams(window.location.search).get("new") === "1") {
      const url = new URL(window.location.href);
      url.searchParams.delete("new");
      window.history.replaceState(window.history.state, "", url);
      onAsk();
    }
    return () => window.removeEventListener(NEW_INCIDENT_EVENT, onAsk);
  }, []);
  const [draft, setDraft] = React.useState<Draft>(emptyDraft);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const create = useMutation({
    mutationFn: async (input: Draft) => {
      const result = await createIncidentAction(workspaceSlug, { ...input, team: input.team || null });
      return result;
    },
    onSuccess: (result) => {
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors || Object.keys(result.fieldErrors).length === 0) toast.error("The incident was not created", { description: result.error });
        return;
      }
      const incident = result.data;
      toast.success(`INC-${incident.number} created`, {
        description: incident.title,
        action: { label: "Open", onClick: () => router.push(`${basePath}/incidents/${incident.id}`, { scroll: false }) },
      });
      setDraft(emptyDraft);
      setErrors({});
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.board(workspaceSlug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.facets(workspaceSlug) });
    },
    onError: () => toast.error("The incident was not created", { description: "The server could not be reached. Try again." }),
  });

  const fieldProps = (field: keyof Draft): FieldState => {
    const messages = errorsFor(errors, field);
    return { messages, invalid: messages.length > 0, errorId: `create-incident-error-${field}` };
  };
  const title = fieldProps("title");
  const description = fieldProps("description");
  const service = fieldProps("service");
  const team = fieldProps("team");
  const systems = fieldProps("affectedSystems");
  const severity = fieldProps("severity");
  const status = fieldProps("status");

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setErrors({});
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" data-testid="create-incident-button">
          <PlusIcon />
          New incident
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl" data-testid="create-incident-dialog">
        <DialogHeader>
          <DialogTitle>New incident</DialogTitle>
          <DialogDescription>Open an incident by hand. Webhooks and the simulator open theirs on their own.</DialogDescription>
        </DialogHeader>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!create.isPending) create.mutate(draft);
          }}
        >
          <div className="grid content-start gap-1.5">
            <Label htmlFor="create-incident-title">Title</Label>
            <Input
              id="create-incident-title"
              name="title"
              autoFocus
              value={draft.title}
              onChange={(e) => set("title", e.target.value)}
              placeholder="Checkout returns 502 for card payments"
              aria-invalid={title.invalid || undefined}
              aria-describedby={title.invalid ? title.errorId : undefined}
            />
            <FieldError id={title.errorId} errors={title.messages} />
          </div>
          <div className="grid content-start gap-1.5">
            <Label htmlFor="create-incident-description">Description</Label>
            <Textarea
              id="create-incident-description"
              name="description"
              rows={3}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              placeholder="What is happening, since when, who is affected"
              aria-invalid={description.invalid || undefined}
              aria-describedby={description.invalid ? description.errorId : undefined}
            />
            <FieldError id={description.errorId} errors={description.messages} />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <SuggestField
              field="service"
              label="Service"
              value={draft.service}
              onChange={(v) => set("service", v)}
              placeholder="payment-service"
              suggestions={facets.services}
              state={service}
            />
            <SuggestField
              field="team"
              label="Team"
              value={draft.team}
              onChange={(v) => set("team", v)}
              placeholder="payments"
              suggestions={facets.teams}
              state={team}
            />
            <div className="grid content-start gap-1.5">
              <Label htmlFor="create-incident-severity">Severity</Label>
              <Select value={draft.severity} onValueChange={(v) => set("severity", v as Severity)}>
                <SelectTrigger id="create-incident-severity" className="w-full" aria-invalid={severity.invalid || undefined} data-testid="create-incident-severity">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {severityOptions.map((s) => (
                    <SelectItem key={s} value={s} data-testid={`create-incident-severity-${s}`}>
                      <SeverityBadge severity={s} />
                      <span className="text-muted-foreground">{severityLabels[s]}</span>
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <SeverityPolicyLine severity={draft.severity} />
              <FieldError id={severity.errorId} errors={severity.messages} />
            </div>
            <div className="grid content-start gap-1.5">
              <Label htmlFor="create-incident-status">Status</Label>
              <Select value={draft.status} onValueChange={(v) => set("status", v as IncidentStatus)}>
                <SelectTrigger id="create-incident-status" className="w-full" aria-invalid={status.invalid || undefined} data-testid="create-incident-status">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {createStatuses.map((s) => (
                    <SelectItem key={s} value={s} data-testid={`create-incident-status-${s}`}>
                      {statusLabels[s]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <FieldError id={status.errorId} errors={status.messages} />
            </div>
          </div>
          <div className="grid content-start gap-1.5">
            <Label htmlFor="create-incident-systems">Affected systems</Label>
            <TagInput
              id="create-incident-systems"
              data-testid="create-incident-systems"
              value={draft.affectedSystems}
              onChange={(v) => set("affectedSystems", v)}
              placeholder="Type a system and press Enter (checkout, postgresql…)"
              invalid={systems.invalid}
              describedBy={systems.invalid ? systems.errorId : undefined}
            />
            <FieldError id={systems.errorId} errors={systems.messages} />
          </div>
          <div className="flex items-start gap-2">
            <Checkbox
              id="create-incident-receives-intake"
              data-testid="create-incident-receives-intake"
              checked={draft.receivesIntake}
              onCheckedChange={(v) => set("receivesIntake", v === true)}
              className="mt-0.5"
            />
            <div className="grid gap-0.5">
              <Label htmlFor="create-incident-receives-intake">Attach incoming events and alerts to this incident</Label>
              <p className="text-muted-foreground text-xs">While it is open, intake adds this service&apos;s signals here instead of opening another incident.</p>
            </div>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending} data-testid="create-incident-submit" className={cn(create.isPending && "cursor-wait")}>
              {create.isPending && <Loader2Icon className="animate-spin" />}
              Create incident
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
