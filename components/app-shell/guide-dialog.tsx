"use client";

import * as React from "react";
import { BookOpenIcon, FlaskConicalIcon, RadioIcon, ShieldCheckIcon, SparklesIcon, SquareKanbanIcon, WebhookIcon, BotIcon } from "lucide-react";
import { KeyboardIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ShortcutList } from "./command-palette";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

function Section({ icon: Icon, title, children }: { icon: typeof BookOpenIcon; title: string; children: React.ReactNode }) {
  return (
    <section className="flex gap-3">
      <span className="bg-muted text-foreground/80 mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg border">
        <Icon className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 space-y-1.5">
        <h3 className="text-sm font-semibold">{title}</h3>
        <div className="text-muted-foreground space-y-1.5 text-sm leading-relaxed">{children}</div>
      </div>
    </section>
  );
}

const Code = ({ children }: { children: React.ReactNode }) => (
  <code className="bg-muted text-foreground rounded px-1 py-0.5 font-mono text-[0.8em]">{children}</code>
);

/** What Firedrill is and how its parts fit together, one click away from every page. */
export function GuideDialog() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="guide-button" className="gap-1.5">
          <BookOpenIcon />
          <span className="hidden sm:inline">Guide</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl" data-testid="guide-dialog">
        <DialogHeader>
          <DialogTitle>How Firedrill works</DialogTitle>
          <DialogDescription>
            Firedrill is where your team handles incidents: real ones from your monitoring, and practice ones from drills. Both travel
            the same path, so a drill looks and feels like the real thing.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-5">
          <Section icon={SquareKanbanIcon} title="The board">
            <p>
              Every open incident is a card in <strong>Triage</strong>, <strong>Investigating</strong> or <strong>Fixing</strong>; resolved
              and closed ones collect in the last column, newest first, a page at a time. A card shows its number (INC-42), severity from P0
              (critical) to P3 (low), service, team, how long ago it opened and how many events it has collected.
            </p>
            <p>
              Drag a card to another column to change its status, or focus its grip, press Space, choose a column with the arrow keys and
              press Space again. Click a card to open the incident: every field, the status timeline (who moved it, when), and shared notes.
              The filters live in the address bar, so a copied link shows the same view.
            </p>
          </Section>
          <Section icon={WebhookIcon} title="How incidents arrive">
            <p>
              <strong>Webhooks.</strong> Machines send events to <Code>POST /api/v1/events</Code> with an API key. When a service reports 5
              errors within 5 minutes, one incident opens; later events attach to it and raise its event count. Alertmanager, PagerDuty and
              Grafana alerts open an incident at once and resolve it when the alert resolves.
            </p>
            <p>
              <strong>Simulator.</strong> Scenarios break a simulated system; its health checks report through the same intake, so incidents
              open exactly as real ones would.
            </p>
            <p>
              <strong>By hand.</strong> The <em>New incident</em> button on the board, or <Code>POST /api/v1/incidents</Code>.
            </p>
          </Section>
          <Section icon={SparklesIcon} title="AI diagnosis">
            <p>
              On an incident, <em>Diagnose</em> streams a summary, ranked hypotheses with the evidence behind each (log lines, metrics against
              their baseline, recent deploys) and recommended actions with their risk. Groq answers first, Gemini if Groq fails, and a
              built-in offline engine when neither is available; the diagnosis shows which one answered. When no signal supports a cause, it
              says so instead of guessing.
            </p>
          </Section>
          <Section icon={BotIcon} title="SRE agent">
            <p>
              Under the diagnosis, <em>Plan remediation</em> asks the agent for a plan made only of catalog actions (restart, scale out, roll
              back, turn a flag off, kill idle connections…), each with its risk, blast radius, rollback and a forecast of what it would do to
              the simulated world. A person approves or rejects it (here or in <em>Approvals</em>); the agent then acts, checks the world&apos;s
              metrics until the fix holds, and can roll back. Incidents from real integrations get an advisory checklist: no connector acts
              on real systems.
            </p>
          </Section>
          <Section icon={FlaskConicalIcon} title="Drills">
            <p>
              Under <em>Scenarios</em>, run a failure (a memory leak, a slow database, a crash loop, a failing dependency…) in real time or
              sped up. The simulated metrics degrade, incidents open on this board marked <em>Drill</em>, and the team practises the whole
              response: triage, diagnosis, fix and verification. The failure persists after the scenario&apos;s script until a fix acts on
              the simulated world through the agent (flush the cache, terminate idle connections, vacuum a table, clean up old logs…) or
              someone stops the run, and the health strip shows whether it worked.
            </p>
          </Section>
          <Section icon={RadioIcon} title="Working together">
            <p>The board and incident pages update live as teammates work, and show who else is looking.</p>
          </Section>
          <Section icon={ShieldCheckIcon} title="Roles">
            <p>
              <strong>Viewers</strong> can read everything but change nothing (no drag handles, no New incident). <strong>Responders</strong>{" "}
              work incidents, run diagnoses and drills, and approve the agent&apos;s plans. <strong>Admins</strong> also manage members, API keys,
              the agent&apos;s policy and the audit log in Settings.
            </p>
          </Section>
          <Section icon={KeyboardIcon} title="Keyboard shortcuts">
            <div data-testid="guide-shortcuts">
              <ShortcutList />
            </div>
          </Section>
        </div>
      </DialogContent>
    </Dialog>
  );
}
