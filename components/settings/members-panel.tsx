"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { changeMemberRoleAction } from "@/lib/actions/workspaces/change-member-role";
import { createInviteAction } from "@/lib/actions/workspaces/create-invite";
import { removeMemberAction } from "@/lib/actions/workspaces/remove-member";
import { revokeInviteAction } from "@/lib/actions/workspaces/revoke-invite";
import { CopyButton } from "@/components/common/copy-button";
import { useSettingsForm } from "./use-settings-form";
import { useHydrated } from "@/components/hooks/use-hydrated";
import { FieldError } from "@/components/forms/form-errors";

type Role = "admin" | "responder" | "viewer";
type Member = { userId: string; name: string; email: string; role: Role; joinedAt: string };
type PendingInvite = { id: string; email: string; role: Role; expiresAt: string; createdByName: string };

const roles: Role[] = ["admin", "responder", "viewer"];

function RoleSelect({
  id,
  className,
  label,
  value,
  disabled,
  onChange,
}: {
  id?: string;
  className: string;
  label: string;
  value: Role;
  disabled?: boolean;
  onChange: (role: Role) => void;
}) {
  return (
    <Select value={value} disabled={disabled} onValueChange={(v) => onChange(v as Role)}>
      <SelectTrigger id={id} className={className} aria-label={label}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((r) => (
          <SelectItem key={r} value={r}>
            {r}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function MembersPanel({
  workspaceSlug,
  members,
  invites,
  canManage,
  me,
}: {
  workspaceSlug: string;
  members: Member[];
  invites: PendingInvite[];
  canManage: boolean;
  me: string;
}) {
  const { router, pending, startTransition, fieldErrors, submit } = useSettingsForm();
  const [link, setLink] = useState<string>();
  const [inviteRole, setInviteRole] = useState<Role>("responder");
  const hydrated = useHydrated();

  function run(fn: () => Promise<{ ok: boolean; error?: string }>, success: string) {
    startTransition(async () => {
      const r = await fn();
      if (!r.ok) {
        toast.error(r.error);
        return;
      }
      toast.success(success);
      router.refresh();
    });
  }

  function invite(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const email = String(new FormData(formEl).get("email") ?? "");
    submit(
      formEl,
      () => createInviteAction(workspaceSlug, { email, role: inviteRole }),
      (data) => setLink(`${window.location.origin}${data.path}`),
    );
  }

  return (
    <div className="space-y-6" data-hydrated={hydrated ? "true" : undefined}>
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite a member</CardTitle>
            <CardDescription>Create a link and send it to them however you like. It works once, for that email, for 7 days.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <form onSubmit={invite} className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <div className="flex-1 space-y-2">
                <Label htmlFor="invite-email">Email</Label>
                <Input id="invite-email" name="email" type="email" required placeholder="colleague@example.com" />
                <FieldError errors={fieldErrors.email} />
              </div>
              <div className="space-y-2">
                <Label htmlFor="invite-role">Role</Label>
                <RoleSelect id="invite-role" className="w-36" label="Role" value={inviteRole} onChange={setInviteRole} />
              </div>
              <Button type="submit" disabled={pending || !hydrated}>
                Create invite link
              </Button>
            </form>
            {link ? (
              <div className="bg-muted flex flex-col gap-2 rounded-md p-3 sm:flex-row sm:items-center">
                <code className="flex-1 text-xs break-all" data-testid="invite-link">
                  {link}
                </code>
                <CopyButton text={link} label="Copy link" />
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>Admins manage settings, members and keys; responders work incidents; viewers read.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.userId} data-testid={`member-${m.email}`}>
                  <TableCell className="font-medium">
                    {m.name} {m.userId === me ? <Badge variant="secondary">you</Badge> : null}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>
                    {canManage ? (
                      <RoleSelect
                        className="w-32"
                        label={`Role of ${m.name}`}
                        value={m.role}
                        disabled={pending}
                        onChange={(role) => run(() => changeMemberRoleAction(workspaceSlug, { userId: m.userId, role }), `${m.name} is now ${role}.`)}
                      />
                    ) : (
                      <Badge variant="outline">{m.role}</Badge>
                    )}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.name} from the workspace?`)) run(() => removeMemberAction(workspaceSlug, m.userId), `${m.name} was removed.`);
                        }}
                      >
                        Remove
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      {canManage && invites.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Pending invites</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Email</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead className="text-right">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invites.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell>{i.email}</TableCell>
                    <TableCell>{i.role}</TableCell>
                    <TableCell>{i.expiresAt.slice(0, 10)}</TableCell>
                    <TableCell className="text-right">
                      <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => revokeInviteAction(workspaceSlug, i.id), "Invite revoked.")}>
                        Revoke
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <p className="text-muted-foreground mt-2 text-xs">Links are shown only when created; revoke and re-invite if one was lost.</p>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
