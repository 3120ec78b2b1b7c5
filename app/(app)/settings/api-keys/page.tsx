import type { Metadata } from "next";
import { getDb } from "@/db";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { listApiKeys } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/api-keys", admin: true });
  const keys = await listApiKeys(await getDb(), actor);
  return (
    <ApiKeysPanel
      workspaceSlug={workspace.slug}
      keys={keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        scopes: k.scopes,
        createdByName: k.createdByName,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      }))}
    />
  );
}
