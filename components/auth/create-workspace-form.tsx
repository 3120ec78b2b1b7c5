"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createWorkspaceAction } from "@/lib/actions/workspaces/create-workspace";
import { slugify } from "@/lib/workspaces/shared";
import { FieldError, FormError } from "@/components/forms/form-errors";
import { useHydrated } from "@/components/hooks/use-hydrated";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setFieldErrors({});
    const r = await createWorkspaceAction({ name, slug });
    setPending(false);
    if (!r.ok) {
      setError(r.fieldErrors ? undefined : r.error);
      setFieldErrors(r.fieldErrors ?? {});
      return;
    }
    router.push("/board");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-hydrated={hydrated ? "true" : undefined}>
      <div className="space-y-2">
        <Label htmlFor="workspace-name">Workspace name</Label>
        <Input
          id="workspace-name"
          name="name"
          required
          autoFocus
          placeholder="Payments Team"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <FieldError errors={fieldErrors.name} />
      </div>
      <div className="space-y-2">
        <Label htmlFor="workspace-slug">Address</Label>
        <Input
          id="workspace-slug"
          name="slug"
          required
          placeholder="payments-team"
          value={slug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
        />
        <p className="text-muted-foreground text-xs">Lowercase letters, digits and hyphens. You will be its admin.</p>
        <FieldError errors={fieldErrors.slug} />
      </div>
      <FormError message={error} />
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
