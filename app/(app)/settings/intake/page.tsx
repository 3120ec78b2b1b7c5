import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { DeadLetters } from "@/components/intake/dead-letters";
import { IntakeUrls } from "@/components/intake/intake-urls";
import { RulesEditor } from "@/components/intake/rules-editor";
import { listApiKeys } from "@/lib/auth";
import { can } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";
import { listDeadLetters } from "@/lib/intake";
import { listRules } from "@/lib/intake";

export const metadata: Metadata = { title: "Intake" };
export const dynamic = "force-dynamic";

async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function IntakeSettingsPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/intake" });
  const db = await getDb();
  const isAdmin = can(actor, "workspace:admin");
  const [rules, letters, keys] = await Promise.all([
    listRules(db, actor),
    isAdmin ? listDeadLetters(db, actor, { limit: 50 }) : Promise.resolve(null),
    isAdmin ? listApiKeys(db, actor) : Promise.resolve([]),
  ]);
  const ingestKeys = keys.filter((k) => !k.revokedAt && (k.scopes.includes("ingest") || k.scopes.includes("admin"))).map((k) => ({ name: k.name, prefix: k.prefix }));
  return (
    <div className="space-y-6">
      <IntakeUrls workspaceSlug={workspace.slug} origin={await requestOrigin()} isAdmin={isAdmin} ingestKeys={ingestKeys} />
      <RulesEditor
        workspaceSlug={workspace.slug}
        canEdit={isAdmin}
        rules={rules.map((r) => ({
          id: r.id,
          service: r.service,
          minCount: r.minCount,
          windowSeconds: r.windowSeconds,
          minLevel: r.minLevel,
          severity: r.severity,
          enabled: r.enabled,
        }))}
      />
      {letters ? (
        <DeadLetters
          workspaceSlug={workspace.slug}
          total={letters.total}
          letters={letters.items.map((l) => ({
            id: l.id,
            source: l.source,
            status: l.status,
            reason: l.reason,
            issues: l.issues,
            createdAt: l.createdAt.toISOString(),
            replayedAt: l.replayedAt?.toISOString() ?? null,
            replayStatus: (l.replayResult as { status?: number } | null)?.status ?? null,
            size: l.size,
            preview: l.preview,
          }))}
        />
      ) : null}
    </div>
  );
}
