"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Loader2Icon, Trash2Icon } from "lucide-react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { deleteIncidentAction } from "@/lib/actions/incidents/delete-incident";
import { queryKeys } from "@/lib/query-keys";
import { useIncidentContext } from "./incident-context";
import { useEditState } from "./incident-state";

/** Delete behind a confirmation; afterwards back to the board with a toast. */
export function DeleteIncidentButton({ incidentKey, title }: { incidentKey: string; title: string }) {
  const { workspaceSlug, incidentId, boardHref, inDialog } = useIncidentContext();
  const { markDeleted } = useEditState();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const [pending, setPending] = React.useState(false);

  const confirm = async () => {
    setPending(true);
    try {
      const result = await deleteIncidentAction(workspaceSlug, incidentId);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      markDeleted();
      setOpen(false);
      toast.success(`${incidentKey} deleted`, { description: title });
      void queryClient.invalidateQueries({ queryKey: queryKeys.board(workspaceSlug) });
      // The dialog was opened from the board: going back closes it and shows the board again.
      if (inDialog) router.back();
      else router.push(boardHref);
      queryClient.removeQueries({ queryKey: queryKeys.incident(workspaceSlug, incidentId) });
    } catch {
      toast.error("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <AlertDialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-muted-foreground hover:text-destructive" data-testid="incident-delete">
          <Trash2Icon />
          <span className="sr-only sm:not-sr-only">Delete</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {incidentKey}?</AlertDialogTitle>
          <AlertDialogDescription>
            “{title}” will be removed with its status history, timeline and notes. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={() => void confirm()} disabled={pending} data-testid="incident-delete-confirm">
            {pending && <Loader2Icon className="animate-spin" />}
            Delete incident
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
