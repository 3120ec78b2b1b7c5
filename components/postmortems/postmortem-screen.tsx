import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { getDb } from "@/db";
import type { Caller } from "@/lib/api/caller";
import { can } from "@/lib/auth";
import { findIncident } from "@/lib/incidents";
import { incidentIdSchema, incidentKey } from "@/lib/incidents/shared";
import { getPostmortem } from "@/lib/postmortems";
import { listMembersOf } from "@/lib/workspaces";
import { PostmortemEditor } from "./postmortem-editor";

/** The post-mortem of one incident: write it once resolved, edit section by section, review, publish, export. */
export async function PostmortemScreen({ caller: { actor, workspace }, incidentId, basePath }: { caller: Caller; incidentId: string; basePath: string }) {
  if (!incidentIdSchema.safeParse(incidentId).success) notFound();
  const db = await getDb();
  const incident = await findIncident(db, { workspaceId: actor.workspaceId, id: incidentId });
  if (!incident) notFound();
  const [postmortem, members] = await Promise.all([getPostmortem(db, actor.workspaceId, incidentId), listMembersOf(db, actor.workspaceId)]);
  return (
    <div className="mx-auto w-full max-w-5xl space-y-4">
      <Link href={`${basePath}/incidents/${incidentId}`} className="text-muted-foreground hover:text-foreground inline-flex items-center gap-1 text-sm">
        <ArrowLeftIcon className="size-4" /> {incidentKey(incident.number)} {incident.title}
      </Link>
      <PostmortemEditor
        workspaceSlug={workspace.slug}
        incident={{ id: incident.id, key: incidentKey(incident.number), title: incident.title, status: incident.status }}
        initial={postmortem}
        members={members.map((m) => ({ id: m.userId, name: m.name }))}
        canWrite={can(actor, "postmortem:write")}
      />
    </div>
  );
}
