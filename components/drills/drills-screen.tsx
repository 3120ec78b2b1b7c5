import Link from "next/link";
import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { drillLeaderboard, listDrills, toDrillListItem } from "@/lib/drills";
import { formatDuration } from "@/lib/analytics/shared";
import { listScenarios } from "@/lib/simulation";
import { listMembersOf } from "@/lib/workspaces";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NewDrillForm } from "./new-drill-form";

/** Game days for one workspace (/drills): plan a drill, the history, the leaderboard. */
export async function DrillsScreen({ caller: { actor, workspace }, basePath, participant }: { caller: Caller; basePath: string; participant?: string }) {
  const db = await getDb();
  const [drills, board, scenarios, members] = await Promise.all([
    listDrills(db, actor, { participantId: participant && /^[0-9a-f-]{36}$/i.test(participant) ? participant : undefined }),
    drillLeaderboard(db, actor),
    listScenarios(db, actor.workspaceId, { kind: "scenario" }),
    listMembersOf(db, actor.workspaceId),
  ]);
  const items = drills.map(toDrillListItem);
  const who = participant ? members.find((m) => m.userId === participant)?.name : undefined;
  return (
    <div className="mx-auto w-full max-w-6xl space-y-5" data-testid="drills-page">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Game days</h1>
        <p className="text-muted-foreground text-sm">
          Facilitated drills on the simulated world: the incident arrives like a real one, the team acknowledges, diagnoses and remediates it, and the drill is scored when it ends.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_380px]">
        <div className="space-y-4">
          {can(actor, "simulation:run") ? (
            <NewDrillForm
              workspaceSlug={workspace.slug}
              basePath={basePath}
              scenarios={scenarios.map((s) => ({ id: s.id, name: s.name, difficulty: s.difficulty }))}
              members={members.map((m) => ({ id: m.userId, name: m.name }))}
              me={actor.kind === "user" ? actor.id : null}
            />
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle className="text-base">{who ? `History of ${who}` : "History"}</CardTitle>
              <CardDescription>
                {who ? (
                  <Link href={`${basePath}/drills`} className="underline underline-offset-2">
                    All drills
                  </Link>
                ) : (
                  "Every drill of the workspace, newest first."
                )}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {items.length === 0 ? (
                <p className="text-muted-foreground text-sm">No drills yet.</p>
              ) : (
                <ul className="divide-y" data-testid="drill-history">
                  {items.map((d) => (
                    <li key={d.id} className="flex flex-wrap items-center gap-3 py-2 text-sm" data-testid="drill-item" data-drill-id={d.id}>
                      <Link href={`${basePath}/drills/${d.id}`} className="min-w-0 flex-1 font-medium hover:underline">
                        {d.title}
                        <span className="text-muted-foreground block text-xs font-normal">
                          {d.scenarioName} · {d.difficulty} · {d.speed}× · seed {d.seed} · {d.participants.map((p) => p.name).join(", ")}
                        </span>
                      </Link>
                      <Badge variant={d.status === "running" ? "default" : "secondary"}>{d.status}</Badge>
                      <span className="w-16 text-right font-semibold tabular-nums">{d.totalScore === null ? "—" : `${d.totalScore}`}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
        <Card className="h-fit">
          <CardHeader>
            <CardTitle className="text-base">Leaderboard</CardTitle>
            <CardDescription>Best score per participant over ended drills.</CardDescription>
          </CardHeader>
          <CardContent>
            {board.length === 0 ? (
              <p className="text-muted-foreground text-sm">Scores appear once a drill ends.</p>
            ) : (
              <table className="w-full text-sm tabular-nums" data-testid="leaderboard">
                <thead className="text-muted-foreground text-left text-xs">
                  <tr>
                    <th className="py-1 font-medium">#</th>
                    <th className="py-1 font-medium">participant</th>
                    <th className="py-1 text-right font-medium">best</th>
                    <th className="py-1 text-right font-medium">avg</th>
                    <th className="py-1 text-right font-medium">drills</th>
                    <th className="py-1 text-right font-medium">ack</th>
                  </tr>
                </thead>
                <tbody>
                  {board.map((r, i) => (
                    <tr key={r.participantId} className="border-t" data-testid="leaderboard-row" data-participant-id={r.participantId}>
                      <td className="py-1">{i + 1}</td>
                      <td className="py-1">
                        <Link href={`${basePath}/drills?participant=${r.participantId}`} className="hover:underline">
                          {r.name}
                        </Link>
                      </td>
                      <td className="py-1 text-right font-semibold">{r.bestScore}</td>
                      <td className="py-1 text-right">{r.averageScore}</td>
                      <td className="py-1 text-right">{r.drills}</td>
                      <td className="py-1 text-right">{formatDuration(r.medianTimeToAcknowledgeSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
