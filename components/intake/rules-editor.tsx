"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deleteRuleAction } from "@/lib/actions/intake/delete-rule";
import { saveRuleAction } from "@/lib/actions/intake/save-rule";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FieldError } from "@/components/forms/form-errors";

export type RuleRow = {
  id: string;
  service: string;
  minCount: number;
  windowSeconds: number;
  minLevel: string;
  severity: string | null;
  enabled: boolean;
};

const levels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "FATAL"];
const selectClass = "border-input bg-background h-9 rounded-md border px-2 text-sm shadow-xs";

/** Threshold rules per service ("*" is the workspace default); built-in: 5 at ERROR+ within 300 s. */
export function RulesEditor({ workspaceSlug, rules, canEdit }: { workspaceSlug: string; rules: RuleRow[]; canEdit: boolean }) {
  const router = useRouter();
  const [form, setForm] = React.useState({ service: "", minCount: "5", windowSeconds: "300", minLevel: "ERROR", severity: "auto", enabled: true });
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);
  const hydrated = useHydrated();

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await saveRuleAction(workspaceSlug, {
      service: form.service,
      minCount: Number(form.minCount),
      windowSeconds: Number(form.windowSeconds),
      minLevel: form.minLevel,
      severity: form.severity === "auto" ? null : (form.severity as "P0"),
      enabled: form.enabled,
    });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors ?? {});
      return toast.error(r.error);
    }
    setErrors({});
    toast.success(`Rule for ${r.data.service === "*" ? "every service" : r.data.service} saved`);
    router.refresh();
  }

  async function remove(id: string) {
    const r = await deleteRuleAction(workspaceSlug, id);
    if (!r.ok) return toast.error(r.error);
    toast.success("Rule removed: the default applies again");
    router.refresh();
  }

  const field = (name: string) => <FieldError errors={errors[name]} className="text-xs" />;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Threshold rules</CardTitle>
        <CardDescription>
          Log-style events open an incident when a service has no open one and receives enough events at a level within a window (by the
          events&apos; own timestamps). Without a rule: 5 events at ERROR or above within 5 minutes. Service <code className="font-mono">*</code> sets
          the workspace default.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {rules.length === 0 ? (
          <p className="text-muted-foreground text-sm">No rules: the built-in default applies to every service.</p>
        ) : (
          <Table data-testid="intake-rules">
            <TableHeader>
              <TableRow>
                <TableHead>Service</TableHead>
                <TableHead>Events</TableHead>
                <TableHead>Window</TableHead>
                <TableHead>Level</TableHead>
                <TableHead>Severity</TableHead>
                <TableHead>On</TableHead>
                {canEdit ? <TableHead /> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-mono">{r.service}</TableCell>
                  <TableCell>{r.minCount}</TableCell>
                  <TableCell>{r.windowSeconds} s</TableCell>
                  <TableCell>{r.minLevel}+</TableCell>
                  <TableCell>{r.severity ?? "auto"}</TableCell>
                  <TableCell>{r.enabled ? "yes" : "no"}</TableCell>
                  {canEdit ? (
                    <TableCell className="text-right">
                      <Button variant="ghost" size="icon-sm" aria-label={`Remove rule for ${r.service}`} onClick={() => remove(r.id)}>
                        <Trash2Icon />
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canEdit ? (
          <form onSubmit={save} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="intake-rule-form" data-hydrated={hydrated ? "true" : undefined}>
            <div className="space-y-1">
              <Label htmlFor="rule-service">Service</Label>
              <Input id="rule-service" placeholder="checkout or *" value={form.service} onChange={(e) => setForm({ ...form, service: e.target.value })} />
              {field("service")}
            </div>
            <div className="space-y-1">
              <Label htmlFor="rule-count">Events</Label>
              <Input id="rule-count" type="number" min={1} max={1000} value={form.minCount} onChange={(e) => setForm({ ...form, minCount: e.target.value })} />
              {field("minCount")}
            </div>
            <div className="space-y-1">
              <Label htmlFor="rule-window">Window (s)</Label>
              <Input
                id="rule-window"
                type="number"
                min={10}
                max={86400}
                value={form.windowSeconds}
                onChange={(e) => setForm({ ...form, windowSeconds: e.target.value })}
              />
              {field("windowSeconds")}
            </div>
            <div className="space-y-1">
              <Label htmlFor="rule-level">Level or above</Label>
              <select id="rule-level" className={selectClass} value={form.minLevel} onChange={(e) => setForm({ ...form, minLevel: e.target.value })}>
                {levels.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <Label htmlFor="rule-severity">Severity</Label>
              <select id="rule-severity" className={selectClass} value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
                <option value="auto">auto (from level)</option>
                {["P0", "P1", "P2", "P3"].map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </div>
            <div className="flex items-end gap-3">
              <label className="flex h-9 items-center gap-2 text-sm">
                <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
                On
              </label>
              <Button type="submit" disabled={pending}>
                {pending ? <Loader2Icon className="animate-spin" /> : null}
                Save rule
              </Button>
            </div>
          </form>
        ) : (
          <p className="text-muted-foreground text-sm">Only admins change rules.</p>
        )}
      </CardContent>
    </Card>
  );
}
