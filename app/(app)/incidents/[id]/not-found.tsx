import Link from "next/link";
import { FileQuestionIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

export default function IncidentNotFound() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col items-center gap-3 px-4 py-24 text-center" data-testid="incident-not-found">
      <FileQuestionIcon className="text-muted-foreground size-10" aria-hidden />
      <h1 className="text-xl font-semibold">Incident not found</h1>
      <p className="text-muted-foreground max-w-sm text-sm">
        It may have been deleted, or it belongs to another workspace. Check the link, or find it on the board.
      </p>
      <Button asChild variant="outline">
        <Link href="/board">Back to the board</Link>
      </Button>
    </div>
  );
}
