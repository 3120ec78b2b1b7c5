"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FieldError } from "@/components/forms/form-errors";
import { LocalTime } from "@/components/incidents/local-time";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { createMaintenanceWindowAction } from "@/lib/actions/alerts/create-maintenance-window";
import { deleteMaintenanceWindowAction } from "@/lib/actions/alerts/delete-maintenance-window";
import { recurrences, type MaintenanceWindowView, type Recurrence } from "@/lib/alerts/shared";

const selectClass = "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs";

/** `datetime-local` value (the reader's zone) → ISO string. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

/** Settings → Maintenance: the windows, and a form for a new one. */
export function MaintenanceWindows({ workspaceSlug, windows, canEdit, services }: { workspaceSlug: string; windows: MaintenanceWindowView[]; canEdit: boolean; services: string[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [form, setForm] = React.useState({ services: "", start: "", end: "", recurrence: "none" as Recurrence, reason: "" });
  const [errors, setErrors] = React.useState<Record<string, string[]>>({});
  const [pending, setPending] = React.useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await createMaintenanceWindowAction(workspaceSlug, {
      services: form.services.split(",").map((s) => s.trim()).filter(Boolean),
      starts_at: toIso(form.start),
      ends_at: toIso(form.end),
      recurrence: form.recurrence,
      reason: form.reason,
    });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors ?? {});
      return toast.error(r.error);
    }
    setErrors({});
    setForm({ services: "", start: "", end: "", recurrence: "none", reason: "" });
    toast.success("Maintenance window saved");
    router.refresh();
  }

  async function remove(id: string) {
    const r = await deleteMaintenanceWindowAction(workspaceSlug, id);
    if (!r.ok) return toast.error(r.error);
    toast.success("Maintenance window deleted");
    router.refresh();
  }

  return (
    <Card data-testid="maintenance-windows" data-hydrated={hydrated ? "true" : undefined}>
      <CardHeader>
        <CardTitle>Maintenance windows</CardTitle>
        <CardDescription>
          During a window, intake still records the events and alerts of its services (or of every service) but opens no incident and pages nobody. The board
          shows a window while it is active, and an incident opened within an hour after one ends says so.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {windows.length === 0 ? (
          <p className="text-muted-foreground text-sm">No maintenance windows.</p>
        ) : (
          <ul className="divide-y rounded-lg border">
            {windows.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="maintenance-item">
                {w.activeNow ? <Badge>active</Badge> : w.next ? <Badge variant="outline">scheduled</Badge> : <Badge variant="outline" className="text-muted-foreground">ended</Badge>}
                <span className="font-medium">{w.services.length ? w.services.join(", ") : "All services"}</span>
                <span className="min-w-0 flex-1 truncate">{w.reason}</span>
                <span className="text-muted-foreground text-xs">
                  <LocalTime iso={w.startsAt} /> → <LocalTime iso={w.endsAt} />
                  {w.recurrence !== "none" && ` · repeats ${w.recurrence}`}
                </span>
                {canEdit && (
                  <Button size="sm" variant="ghost" onClick={() => remove(w.id)} disabled={!hydrated}>
                    Delete
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <form onSubmit={save} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <div className="space-y-1">
              <Label htmlFor="mw-services">Services</Label>
              <Input id="mw-services" list="mw-service-list" value={form.services} onChange={(e) => setForm({ ...form, services: e.target.value })} placeholder="empty: all services" />
              <datalist id="mw-service-list">
                {services.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
              <FieldError errors={errors.services} className="text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="mw-start">Starts</Label>
              <Input id="mw-start" type="datetime-local" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} required />
              <FieldError errors={errors.starts_at} className="text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="mw-end">Ends</Label>
              <Input id="mw-end" type="datetime-local" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} required />
              <FieldError errors={errors.ends_at} className="text-xs" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="mw-recurrence">Repeats</Label>
              <select id="mw-recurrence" className={selectClass} value={form.recurrence} onChange={(e) => setForm({ ...form, recurrence: e.target.value as Recurrence })}>
                {recurrences.map((r) => (
                  <option key={r} value={r}>
                    {r === "none" ? "Does not repeat" : r}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1 lg:col-span-2">
              <Label htmlFor="mw-reason">Reason</Label>
              <Input id="mw-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} placeholder="Database upgrade" required />
              <FieldError errors={errors.reason} className="text-xs" />
            </div>
            <div>
              <Button type="submit" disabled={pending || !hydrated}>
                Add window
              </Button>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
