import Link from "next/link";
import { CompassIcon } from "lucide-react";
import { Logo } from "@/components/app-shell/logo";
import { Button } from "@/components/ui/button";

export const metadata = { title: "Page not found" };

/** Any URL nothing answers: the brand, what happened, and ways back. */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b">
        <div className="mx-auto flex h-14 w-full max-w-screen-2xl items-center px-4 sm:px-6">
          <Logo />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col items-center justify-center gap-3 px-4 py-20 text-center" data-testid="not-found">
        <CompassIcon className="text-muted-foreground size-10" aria-hidden />
        <p className="text-muted-foreground font-mono text-sm">404</p>
        <h1 className="text-xl font-semibold">This page does not exist</h1>
        <p className="text-muted-foreground text-sm">The link may be mistyped, or what it pointed to was moved or deleted.</p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button asChild>
            <Link href="/board" data-testid="not-found-board">
              Go to the board
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/demo">Open the demo</Link>
          </Button>
        </div>
      </main>
    </div>
  );
}
