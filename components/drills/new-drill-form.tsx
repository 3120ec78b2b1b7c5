"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { createDrillAction } from "@/lib/actions/drills/create-drill";
import { drillDifficulties } from "@/lib/drills/shared";

const field = "border-input bg-background h-9 w-full rounded-md border px-2 text-sm";

/** The facilitator's form: scenario (or a random one of a difficulty), participants, speed, AI assistance. */
export function NewDrillForm({
  workspaceSlug,
  basePath,
  scenarios,
  members,
  me,
}: {
  workspaceSlug: string;
  basePath: string;
  scenarios: { id: string; name: string; difficulty: string }[];
  members: { id: string; name: string }[];
  me: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [scenario, setScenario] = useState("");
  const [difficulty, setDifficulty] = useState<string>("beginner");
  const [participants, setParticipants] = useState<string[]>(me && members.some((m) => m.id === me) ? [me] : []);
  const [speed, setSpeed] = useState("10");
  const [ai, setAi] = useState(true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const input = { ...(scenario ? { scenarioId: scenario } : { difficulty }), participantIds: participants, speed: Number(speed), aiAssistance: ai };
      const r = await createDrillAction(workspaceSlug, input);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return void toast.error(r.error);
      }
      router.push(`${basePath}/drills/${r.data.id}`);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Plan a drill</CardTitle>
        <CardDescription>You facilitate: start it when the participants are ready, watch the control view, end it to score.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid="new-drill-form" data-hydrated="true">
          <label className="grid gap-1 text-xs font-medium">
            Scenario
            <select className={field} value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="drill-scenario">
              <option value="">Random, of a difficulty</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.difficulty})
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1 text-xs font-medium">
            Difficulty (random scenario)
            <select className={field} value={difficulty} onChange={(e) => setDifficulty(e.target.value)} disabled={!!scenario}>
              {drillDifficulties.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          <fieldset className="grid gap-1 text-xs font-medium sm:col-span-2">
            <legend className="mb-1">Participants</legend>
            <div className="flex flex-wrap gap-3">
              {members.map((m) => (
                <label key={m.id} className="flex items-center gap-1.5 text-sm font-normal">
                  <input
                    type="checkbox"
                    checked={participants.includes(m.id)}
                    onChange={(e) => setParticipants((p) => (e.target.checked ? [...p, m.id] : p.filter((x) => x !== m.id)))}
                    data-testid="drill-participant"
                  />
                  {m.name}
                </label>
              ))}
            </div>
            {errors.participantIds ? <span className="text-destructive text-xs">{errors.participantIds.join("; ")}</span> : null}
          </fieldset>
          <label className="grid gap-1 text-xs font-medium">
            Speed (world time × real time)
            <input type="number" min={1} max={100} className={field} value={speed} onChange={(e) => setSpeed(e.target.value)} data-testid="drill-speed" />
            {errors.speed ? <span className="text-destructive text-xs">{errors.speed.join("; ")}</span> : null}
          </label>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={ai} onChange={(e) => setAi(e.target.checked)} data-testid="drill-ai" />
            AI assistance (the diagnosis runs by itself)
          </label>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={pending} data-testid="drill-create">
              {pending ? "Creating…" : "Create drill"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
