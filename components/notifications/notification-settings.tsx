"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { RotateCcwIcon, Trash2Icon, WebhookIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { setNotificationRulesAction } from "@/lib/actions/notifications/set-rules";
import { createWebhookAction, deleteWebhookAction, replayDeliveryAction, updateWebhookAction } from "@/lib/actions/notifications/webhooks";
import { eventLabels, type DeliveryView, type NotificationChannelName, type RuleView, type WebhookView } from "@/lib/notifications/shared";
import { cn } from "@/lib/utils";

const channels: { id: NotificationChannelName; label: string }[] = [
  { id: "inbox", label: "Inbox" },
  { id: "email", label: "Email" },
];

/** Settings → Notifications: my channel per event; for admins, the workspace's webhooks with their delivery log. */
export function NotificationSettings({
  workspaceSlug,
  rules,
  emailConfigured,
  webhooks,
  deliveries,
}: {
  workspaceSlug: string;
  rules: RuleView[];
  emailConfigured: boolean;
  webhooks: WebhookView[] | null;
  deliveries: Record<string, DeliveryView[]>;
}) {
  const router = useRouter();
  const [draft, setDraft] = React.useState(rules);
  const [saving, setSaving] = React.useState(false);

  async function saveRules() {
    setSaving(true);
    try {
      const r = await setNotificationRulesAction(workspaceSlug, { rules: draft.map((d) => ({ event: d.event, channels: d.channels })) });
      if (r.ok) toast.success("Notification rules saved.");
      else toast.error(r.error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>My notifications</CardTitle>
          <CardDescription>
            Where each event reaches you. {emailConfigured ? "Email goes to your account's address." : "Email is off on this server (no SMTP_URL); the inbox always works."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {draft.length === 0 ? (
            <p className="text-muted-foreground text-sm">Only signed-in members have notification rules.</p>
          ) : (
            <div className="space-y-3">
              <table className="w-full text-sm" data-testid="notification-rules">
                <thead>
                  <tr className="text-muted-foreground text-left text-xs">
                    <th className="pb-2 font-medium">Event</th>
                    {channels.map((c) => (
                      <th key={c.id} className="w-20 pb-2 text-center font-medium">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {draft.map((rule) => (
                    <tr key={rule.event}>
                      <td className="py-2">{eventLabels[rule.event]}</td>
                      {channels.map((c) => (
                        <td key={c.id} className="text-center">
                          <Checkbox
                            aria-label={`${eventLabels[rule.event]}: ${c.label}`}
                            checked={rule.channels.includes(c.id)}
                            disabled={c.id === "email" && !emailConfigured}
                            onCheckedChange={(v) =>
                              setDraft(draft.map((d) => (d.event === rule.event ? { ...d, channels: v === true ? [...d.channels, c.id] : d.channels.filter((x) => x !== c.id) } : d)))
                            }
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Button size="sm" onClick={saveRules} disabled={saving}>
                Save
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
      {webhooks && <Webhooks workspaceSlug={workspaceSlug} webhooks={webhooks} deliveries={deliveries} onChange={() => router.refresh()} />}
    </div>
  );
}

function Webhooks({ workspaceSlug, webhooks, deliveries, onChange }: { workspaceSlug: string; webhooks: WebhookView[]; deliveries: Record<string, DeliveryView[]>; onChange: () => void }) {
  const [url, setUrl] = React.useState("");
  const [secret, setSecret] = React.useState<string | null>(null);
  async function add(e: React.FormEvent) {
    e.preventDefault();
    const r = await createWebhookAction(workspaceSlug, { url });
    if (!r.ok) return void toast.error(r.error);
    setSecret(r.data.secret);
    setUrl("");
    onChange();
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <WebhookIcon className="size-4" /> Outbound webhooks
        </CardTitle>
        <CardDescription>
          Pages, acknowledgements, role and status changes as signed JSON (<code>X-Firedrill-Signature: sha256=…</code>), retried with backoff for about a quarter of an hour.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {secret && (
          <div className="rounded-md border border-amber-500/40 bg-amber-500/5 p-3 text-sm" data-testid="webhook-secret">
            Signing secret (shown once): <code className="break-all">{secret}</code>
          </div>
        )}
        <form className="flex gap-2" onSubmit={add}>
          <Input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/firedrill" aria-label="Webhook URL" />
          <Button type="submit" size="sm" className="h-9">
            Add webhook
          </Button>
        </form>
        {webhooks.length === 0 && <p className="text-muted-foreground text-sm">No webhooks.</p>}
        {webhooks.map((h) => (
          <div key={h.id} className="space-y-2 rounded-md border p-3" data-testid="webhook">
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate text-sm">{h.url}</code>
              <Switch
                checked={h.enabled}
                aria-label="Enabled"
                onCheckedChange={async (enabled) => {
                  const r = await updateWebhookAction(workspaceSlug, h.id, { enabled });
                  if (!r.ok) toast.error(r.error);
                  onChange();
                }}
              />
              <Button
                size="icon"
                variant="ghost"
                aria-label="Delete webhook"
                onClick={async () => {
                  const r = await deleteWebhookAction(workspaceSlug, h.id);
                  if (!r.ok) toast.error(r.error);
                  onChange();
                }}
              >
                <Trash2Icon />
              </Button>
            </div>
            <div className="text-muted-foreground text-xs">Events: {h.events.length ? h.events.join(", ") : "all"}</div>
            <table className="w-full text-xs">
              <tbody className="divide-y">
                {(deliveries[h.id] ?? []).map((d) => (
                  <tr key={d.id}>
                    <td className="py-1 pr-2">{new Date(d.createdAt).toLocaleString()}</td>
                    <td className="pr-2">{d.event}</td>
                    <td className="pr-2">
                      <Badge variant="outline" className={cn(d.status === "delivered" ? "text-emerald-700 dark:text-emerald-400" : d.status === "failed" ? "text-red-700 dark:text-red-400" : "")}>
                        {d.status}
                      </Badge>
                    </td>
                    <td className="text-muted-foreground pr-2">{d.log.map((a) => a.statusCode ?? "error").join(" → ") || "queued"}</td>
                    <td className="text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="h-6 text-xs"
                        onClick={async () => {
                          const r = await replayDeliveryAction(workspaceSlug, d.id);
                          if (r.ok) toast.success("Queued again.");
                          else toast.error(r.error);
                          onChange();
                        }}
                      >
                        <RotateCcwIcon /> Replay
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
