"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClockIcon, PlusIcon, ShieldAlertIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createPolicyAction } from "@/lib/actions/oncall/create-policy";
import { createScheduleAction } from "@/lib/actions/oncall/create-schedule";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import { severityModeLabels, severityModeOptions, weekdayNames, type OncallOverview, type ScheduleView } from "@/lib/oncall/shared";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

const selectClass = "border-input bg-background h-8 w-full min-w-0 rounded-md border px-2 text-sm shadow-xs outline-none focus-visible:ring-ring/50 focus-visible:ring-[3px]";
const layerColors = ["bg-sky-500/15 border-sky-500/40", "bg-violet-500/15 border-violet-500/40", "bg-emerald-500/15 border-emerald-500/40"];

function fmt(iso: string, opts: Intl.DateTimeFormatOptions = { weekday: "short", hour: "2-digit", minute: "2-digit" }) {
  return new Date(iso).toLocaleString([], opts);
}

/** Who is on call now and next, a two-week calendar per schedule, and the escalation policies; admins add schedules and policies. */
export function OncallScreen({ workspaceSlug, initial, canAdmin }: { workspaceSlug: string; initial: OncallOverview; canAdmin: boolean }) {
  const { data } = useQuery({
    queryKey: queryKeys.oncall(workspaceSlug),
    queryFn: ({ signal }) => fetchJson<OncallOverview>(workspaceUrl(workspaceSlug, "oncall"), { signal }),
    initialData: initial,
    retry: retryUnless4xx,
    refetchInterval: 60_000,
  });
  const overview = data ?? initial;
  return (
    <div className="space-y-6" data-testid="oncall-screen">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">On-call</h1>
        <p className="text-muted-foreground text-sm">Who gets woken: rotations in their own time zones, overrides, and the escalation ladder an opening incident climbs.</p>
      </div>
      <section className="space-y-3">
        <div className="flex items-center justify-between gap-2">
          <h2 className="flex items-center gap-2 font-medium">
            <CalendarClockIcon className="size-4" /> Schedules
          </h2>
        </div>
        {overview.schedules.length === 0 && <p className="text-muted-foreground text-sm">No schedules yet.{canAdmin ? " Create one below." : " An admin creates them."}</p>}
        {overview.schedules.map((s) => (
          <ScheduleCard key={s.id} schedule={s} from={overview.from} to={overview.to} />
        ))}
        {canAdmin && <ScheduleForm workspaceSlug={workspaceSlug} members={overview.members} />}
      </section>
      <section className="space-y-3">
        <h2 className="flex items-center gap-2 font-medium">
          <ShieldAlertIcon className="size-4" /> Escalation policies
        </h2>
        {overview.policies.length === 0 && <p className="text-muted-foreground text-sm">No policies: opening incidents page nobody.</p>}
        <div className="grid gap-3 md:grid-cols-2">
          {overview.policies.map((p) => (
            <Card key={p.id} data-testid="policy-card">
              <CardHeader className="pb-2">
                <CardTitle className="text-base">{p.name}</CardTitle>
                <CardDescription>
                  {p.services.length ? `Services: ${p.services.join(", ")}` : p.severities.length ? `Severities: ${p.severities.join(", ")}` : "Every incident without a more specific policy"}
                  {p.repeat ? ` · repeats ${p.repeat}×` : ""}
                </CardDescription>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <ol className="space-y-1">
                  {p.levels.map((l, i) => (
                    <li key={i} className="flex items-baseline gap-2">
                      <Badge variant="outline">L{i + 1}</Badge>
                      <span className="min-w-0 flex-1">{l.targets.map((t) => t.label).join(", ")}</span>
                      <span className="text-muted-foreground text-xs">{l.timeoutMinutes} min</span>
                    </li>
                  ))}
                </ol>
                <div className="text-muted-foreground flex flex-wrap gap-x-3 text-xs">
                  {(["P0", "P1", "P2", "P3"] as const).map((sev) => (
                    <span key={sev}>
                      {sev}: {severityModeLabels[p.severityModes[sev] ?? "immediate"].toLowerCase()}
                    </span>
                  ))}
                </div>
                <p className="text-muted-foreground text-xs">
                  Business hours: {p.businessHours.days.map((d) => weekdayNames[d]).join(", ")} {p.businessHours.start}–{p.businessHours.end} ({p.businessHours.timeZone})
                </p>
              </CardContent>
            </Card>
          ))}
        </div>
        {canAdmin && overview.schedules.length + overview.members.length > 0 && <PolicyForm workspaceSlug={workspaceSlug} overview={overview} />}
      </section>
    </div>
  );
}

function ScheduleCard({ schedule, from, to }: { schedule: ScheduleView; from: string; to: string }) {
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  const days = Math.round(span / 86_400_000);
  // Shifts after the current one of each layer (the server computed "now").
  const current = new Map(schedule.onCall.map((s) => [s.layer, Date.parse(s.start)]));
  const next = schedule.shifts
    .filter((s) => Date.parse(s.start) > (current.get(s.layer) ?? start))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .slice(0, 4);
  return (
    <Card data-testid="schedule-card">
      <CardHeader className="pb-2">
        <CardTitle className="text-base">{schedule.name}</CardTitle>
        <CardDescription>
          {schedule.timeZone} · {schedule.layers.map((l) => `${l.name}: ${l.rotation === "weekly" ? `weekly on ${weekdayNames[l.handoffDay]}` : "daily"} at ${l.handoffTime}`).join(" · ")}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap gap-2" data-testid="on-call-now">
          {schedule.onCall.length === 0 && <span className="text-muted-foreground text-sm">Nobody on call now (the rotation has not started).</span>}
          {schedule.onCall.map((s) => (
            <div key={s.layer} className={cn("rounded-md border px-3 py-1.5 text-sm", layerColors[s.layer % layerColors.length])}>
              <div className="text-muted-foreground text-[11px] uppercase">{schedule.layers[s.layer]?.name ?? `Layer ${s.layer + 1}`} · now</div>
              <div className="font-medium">
                {s.name}
                {s.source === "override" && <span className="text-muted-foreground text-xs font-normal"> (override)</span>}
              </div>
              <div className="text-muted-foreground text-xs">until {fmt(s.end)}</div>
            </div>
          ))}
        </div>
        {next.length > 0 && (
          <div className="text-sm">
            <div className="text-muted-foreground mb-1 text-xs font-medium uppercase">Next shifts</div>
            <ul className="grid gap-1 sm:grid-cols-2">
              {next.map((s, i) => (
                <li key={i} className="flex gap-2">
                  <span className="text-muted-foreground w-20 shrink-0 text-xs">{schedule.layers[s.layer]?.name}</span>
                  <span className="font-medium">{s.name}</span>
                  <span className="text-muted-foreground text-xs">{fmt(s.start)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="overflow-x-auto" data-testid="schedule-calendar">
          <div className="min-w-[640px] space-y-1">
            <div className="text-muted-foreground grid text-[10px]" style={{ gridTemplateColumns: `6rem repeat(${days}, 1fr)` }}>
              <span />
              {Array.from({ length: days }, (_, d) => (
                <span key={d} className="border-l pl-1">
                  {new Date(start + d * 86_400_000).toLocaleDateString([], { weekday: "short", day: "numeric" })}
                </span>
              ))}
            </div>
            {schedule.layers.map((layer, li) => (
              <div key={li} className="flex items-center">
                <span className="text-muted-foreground w-24 shrink-0 truncate text-xs">{layer.name}</span>
                <div className="relative h-7 flex-1 rounded bg-muted/40">
                  {schedule.shifts
                    .filter((s) => s.layer === li)
                    .map((s, i) => {
                      const left = Math.max(0, (Date.parse(s.start) - start) / span);
                      const right = Math.min(1, (Date.parse(s.end) - start) / span);
                      return (
                        <div
                          key={i}
                          title={`${s.name}: ${fmt(s.start)} – ${fmt(s.end)}${s.source === "override" ? " (override)" : ""}`}
                          className={cn("absolute inset-y-0.5 overflow-hidden rounded border px-1 text-[11px] leading-6 whitespace-nowrap", layerColors[li % layerColors.length], s.source === "override" && "border-dashed")}
                          style={{ left: `${left * 100}%`, width: `${Math.max(0, right - left) * 100}%` }}
                        >
                          {s.name}
                        </div>
                      );
                    })}
                </div>
              </div>
            ))}
          </div>
        </div>
      </CardContent>
    </Card>
  );
}

function ScheduleForm({ workspaceSlug, members }: { workspaceSlug: string; members: OncallOverview["members"] }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [saving, setSaving] = React.useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = React.useState({
    name: "",
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    rotation: "weekly" as "daily" | "weekly",
    handoffTime: "09:00",
    handoffDay: 1,
    startDate: today,
    primary: [] as string[],
    secondary: [] as string[],
  });
  if (!open) {
    return (
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="new-schedule">
        <PlusIcon /> New schedule
      </Button>
    );
  }
  const layer = (name: string, members: string[]) => ({ name, rotation: form.rotation, handoffTime: form.handoffTime, handoffDay: form.handoffDay, startDate: form.startDate, members });
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const layers = [layer("Primary", form.primary), ...(form.secondary.length ? [layer("Secondary", form.secondary)] : [])];
      const r = await createScheduleAction(workspaceSlug, { name: form.name, timeZone: form.timeZone, layers });
      if (!r.ok) toast.error(r.error);
      else {
        toast.success("Schedule created.");
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: queryKeys.oncall(workspaceSlug) });
      }
    } finally {
      setSaving(false);
    }
  }
  const pick = (key: "primary" | "secondary") => (
    <div className="flex flex-wrap gap-1.5">
      {members.map((m) => {
        const on = form[key].includes(m.userId);
        return (
          <button
            type="button"
            key={m.userId}
            aria-pressed={on}
            onClick={() => setForm({ ...form, [key]: on ? form[key].filter((x) => x !== m.userId) : [...form[key], m.userId] })}
            className={cn("rounded-full border px-2 py-0.5 text-xs", on ? "bg-primary text-primary-foreground border-primary" : "hover:bg-muted")}
          >
            {on ? `${form[key].indexOf(m.userId) + 1}. ` : ""}
            {m.name}
          </button>
        );
      })}
    </div>
  );
  return (
    <Card>
      <CardContent className="pt-6">
        <form className="grid gap-3 sm:grid-cols-2" onSubmit={save} data-testid="schedule-form">
          <div className="space-y-1">
            <Label htmlFor="s-name">Name</Label>
            <Input id="s-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Platform on-call" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="s-tz">Time zone</Label>
            <Input id="s-tz" required value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} placeholder="Europe/Berlin" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="s-rot">Hand-off</Label>
            <div className="flex gap-2">
              <select id="s-rot" className={selectClass} value={form.rotation} onChange={(e) => setForm({ ...form, rotation: e.target.value as "daily" | "weekly" })}>
                <option value="daily">Daily</option>
                <option value="weekly">Weekly</option>
              </select>
              {form.rotation === "weekly" && (
                <select aria-label="Hand-off day" className={selectClass} value={form.handoffDay} onChange={(e) => setForm({ ...form, handoffDay: Number(e.target.value) })}>
                  {weekdayNames.map((d, i) => (
                    <option key={d} value={i}>
                      {d}
                    </option>
                  ))}
                </select>
              )}
              <Input aria-label="Hand-off time" type="time" value={form.handoffTime} onChange={(e) => setForm({ ...form, handoffTime: e.target.value })} className="h-8 w-28" />
            </div>
          </div>
          <div className="space-y-1">
            <Label htmlFor="s-start">Starts</Label>
            <Input id="s-start" type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <Label>Primary rotation (in order)</Label>
            {pick("primary")}
          </div>
          <div className="space-y-1 sm:col-span-2">
            <Label>Secondary rotation (optional)</Label>
            {pick("secondary")}
          </div>
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" size="sm" disabled={saving || !form.name || form.primary.length === 0}>
              Create schedule
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

type LevelDraft = { target: string; timeoutMinutes: number };

function PolicyForm({ workspaceSlug, overview }: { workspaceSlug: string; overview: OncallOverview }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [saving, setSaving] = React.useState(false);
  const first = overview.schedules[0] ? `schedule:${overview.schedules[0].id}` : `user:${overview.members[0]?.userId ?? ""}`;
  const [name, setName] = React.useState("");
  const [levels, setLevels] = React.useState<LevelDraft[]>([{ target: first, timeoutMinutes: 5 }]);
  const [repeat, setRepeat] = React.useState(0);
  const [modes, setModes] = React.useState<Record<"P0" | "P1" | "P2" | "P3", (typeof severityModeOptions)[number]>>({ P0: "immediate", P1: "immediate", P2: "business_hours", P3: "never" });
  const [hoursTz, setHoursTz] = React.useState("UTC");
  const [services, setServices] = React.useState("");
  if (!open) {
    return (
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="new-policy">
        <PlusIcon /> New policy
      </Button>
    );
  }
  const targets = [
    ...overview.schedules.flatMap((s) => s.layers.map((l, i) => ({ value: `schedule:${s.id}:${i}`, label: `${s.name} · ${l.name}` }))),
    ...overview.members.map((m) => ({ value: `user:${m.userId}`, label: m.name })),
  ];
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const r = await createPolicyAction(workspaceSlug, {
        name,
        repeat,
        services: services
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
        severityModes: modes,
        businessHours: { timeZone: hoursTz, days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
        levels: levels.map((l) => {
          const [type, id, layer] = l.target.split(":");
          return { timeoutMinutes: l.timeoutMinutes, targets: [type === "schedule" ? { type: "schedule" as const, id, layer: Number(layer ?? 0) } : { type: "user" as const, id }] };
        }),
      });
      if (!r.ok) toast.error(r.error);
      else {
        toast.success("Policy created.");
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: queryKeys.oncall(workspaceSlug) });
      }
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card>
      <CardContent className="pt-6">
        <form className="space-y-3" onSubmit={save} data-testid="policy-form">
          <div className="grid gap-3 sm:grid-cols-4">
            <div className="space-y-1">
              <Label htmlFor="p-services">Services (empty: all)</Label>
              <Input id="p-services" value={services} onChange={(e) => setServices(e.target.value)} placeholder="checkout, payments" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="p-name">Name</Label>
              <Input id="p-name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Default" />
            </div>
            <div className="space-y-1">
              <Label htmlFor="p-repeat">Repeat the ladder</Label>
              <Input id="p-repeat" type="number" min={0} max={5} value={repeat} onChange={(e) => setRepeat(Number(e.target.value))} />
            </div>
            <div className="space-y-1">
              <Label htmlFor="p-tz">Business hours (Mon–Fri 09–17) in</Label>
              <Input id="p-tz" value={hoursTz} onChange={(e) => setHoursTz(e.target.value)} />
            </div>
          </div>
          <div className="space-y-2">
            <Label>Levels</Label>
            {levels.map((l, i) => (
              <div key={i} className="flex items-center gap-2">
                <Badge variant="outline">L{i + 1}</Badge>
                <select aria-label={`Level ${i + 1} target`} className={selectClass} value={l.target} onChange={(e) => setLevels(levels.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)))}>
                  {targets.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
                <Input
                  aria-label={`Level ${i + 1} timeout in minutes`}
                  type="number"
                  min={1}
                  max={1440}
                  value={l.timeoutMinutes}
                  onChange={(e) => setLevels(levels.map((x, j) => (j === i ? { ...x, timeoutMinutes: Number(e.target.value) } : x)))}
                  className="h-8 w-20"
                />
                <span className="text-muted-foreground text-xs">min</span>
              </div>
            ))}
            {levels.length < 10 && (
              <Button type="button" size="sm" variant="ghost" onClick={() => setLevels([...levels, { target: targets[0]?.value ?? first, timeoutMinutes: 10 }])}>
                <PlusIcon /> Add level
              </Button>
            )}
          </div>
          <div className="grid gap-2 sm:grid-cols-4">
            {(["P0", "P1", "P2", "P3"] as const).map((sev) => (
              <div key={sev} className="space-y-1">
                <Label htmlFor={`mode-${sev}`}>{sev}</Label>
                <select id={`mode-${sev}`} className={selectClass} value={modes[sev]} onChange={(e) => setModes({ ...modes, [sev]: e.target.value as (typeof severityModeOptions)[number] })}>
                  {severityModeOptions.map((m) => (
                    <option key={m} value={m}>
                      {severityModeLabels[m]}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={saving || !name}>
              Create policy
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
