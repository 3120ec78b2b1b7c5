import { Skeleton } from "@/components/ui/skeleton";
import { boardColumns } from "@/lib/incidents/shared";

const cardsPerColumn = [4, 2, 1, 3];

/** Shown while the board's first render streams in (app/(app)/board/loading.tsx and the demo). */
export function BoardSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the board" data-testid="board-skeleton" className="flex flex-1 flex-col gap-4">
      <div className="space-y-2">
        <Skeleton className="h-6 w-44" />
        <Skeleton className="h-4 w-56" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Skeleton className="h-8 w-full sm:w-64" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-20" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="ml-auto h-8 w-32" />
      </div>
      <div className="-mx-4 flex gap-3 overflow-hidden px-4 md:mx-0 md:grid md:grid-cols-4 md:px-0">
        {boardColumns.map((id, i) => (
          <div key={id} className="bg-muted/40 flex min-h-72 w-[85vw] max-w-sm shrink-0 flex-col gap-2 rounded-xl border p-3 md:w-auto md:max-w-none">
            <div className="flex items-center gap-2 pb-1">
              <Skeleton className="size-2 rounded-full" />
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-4 w-6 rounded-full" />
            </div>
            {Array.from({ length: cardsPerColumn[i] }, (_, j) => (
              <div key={j} className="bg-card space-y-2 rounded-lg border p-3">
                <div className="flex items-center gap-2">
                  <Skeleton className="h-3.5 w-14" />
                  <Skeleton className="h-4 w-8" />
                  <Skeleton className="ml-auto h-3 w-6" />
                </div>
                <Skeleton className="h-4 w-full" />
                <Skeleton className="h-4 w-2/3" />
                <div className="flex gap-3">
                  <Skeleton className="h-3 w-20" />
                  <Skeleton className="h-3 w-14" />
                </div>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
