"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { createApiKeyAction } from "@/lib/actions/workspaces/create-api-key";
import { revokeApiKeyAction } from "@/lib/actions/workspaces/revoke-api-key";
import { CopyButton } from "@/components/common/copy-button";
import { useSettingsForm } from "./use-settings-form";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FieldError } from "@/components/forms/form-errors";

type Key = { id: string; name: string; prefix: string; scopes: string[]; createdByName: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const scopeHelp: Record<string, string> = {
  ingest: "send events and webhooks",
  read: "read incidents",
  write: "create and change incidents (includes read)",
  admin: "everything, including keys",
};

export function ApiKeysPanel({ workspaceSlug, keys }: { workspaceSlug: string; keys: Key[] }) {
  const { router, pending, startTransition, fieldErrors, submit } = useSettingsForm();
  const [scopes, setScopes] = useState<string[]>(["ingest"]);
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const hydrated = useHydrated();

  function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "");
    submit(
      formEl,
      () => createApiKeyAction(workspaceSlug, { name, scopes }),
      (data) => setCreated({ key: data.key, name: data.apiKey.name }),
    );
  }

  return (
    <div className="space-y-6" data-hydrated={hydrated ? "true" : undefined}>
      <Card>
        <CardHeader>
          <CardTitle>Create an API key</CardTitle>
          <CardDescription>
            For monitoring tools and scripts. The key is shown once; Firedrill stores only its hash. What a key can call:{" "}
            <Link href="/docs/api" className="text-foreground underline underline-offset-4" data-testid="api-reference-link">
              API reference
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <form onSubmit={create} className="space-y-4">
            <div className="space-y-2">
              <Label htmlFor="key-name">Name</Label>
              <Input id="key-name" name="name" required placeholder="alertmanager" className="max-w-sm" />
              <FieldError errors={fieldErrors.name} />
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">Scopes</legend>
              {Object.entries(scopeHelp).map(([scope, help]) => (
                <label key={scope} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    checked={scopes.includes(scope)}
                    onCheckedChange={(checked) => setScopes((s) => (checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                    aria-label={scope}
                  />
                  <span className="font-mono">{scope}</span>
                  <span className="text-muted-foreground">— {help}</span>
                </label>
              ))}
              <FieldError errors={fieldErrors.scopes} />
            </fieldset>
            <Button type="submit" disabled={pending || !hydrated}>
              Create key
            </Button>
          </form>
          {created ? (
            <div className="space-y-2 rounded-md border border-amber-500/50 bg-amber-500/10 p-3">
              <p className="text-sm font-medium">Copy the key “{created.name}” now — it will not be shown again.</p>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                <code className="flex-1 text-xs break-all" data-testid="new-api-key">
                  {created.key}
                </code>
                <CopyButton text={created.key} />
              </div>
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
        </CardHeader>
        <CardContent>
          {keys.length === 0 ? (
            <p className="text-muted-foreground text-sm">No keys yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Key</TableHead>
                  <TableHead>Scopes</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead className="text-right">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {keys.map((k) => (
                  <TableRow key={k.id} data-testid={`api-key-${k.name}`}>
                    <TableCell className="font-medium">{k.name}</TableCell>
                    <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                    <TableCell className="space-x-1">
                      {k.scopes.map((s) => (
                        <Badge key={s} variant="outline">
                          {s}
                        </Badge>
                      ))}
                    </TableCell>
                    <TableCell className="text-xs">{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</TableCell>
                    <TableCell className="text-right">
                      {k.revokedAt ? (
                        <Badge variant="secondary">revoked</Badge>
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={pending}
                          onClick={() => {
                            if (!window.confirm(`Revoke “${k.name}”? Anything using it gets 401 from now on.`)) return;
                            startTransition(async () => {
                              const r = await revokeApiKeyAction(workspaceSlug, k.id);
                              if (!r.ok) toast.error(r.error);
                              else toast.success(`“${k.name}” revoked.`);
                              router.refresh();
                            });
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
