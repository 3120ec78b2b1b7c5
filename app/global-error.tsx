"use client";

import { GeistSans } from "geist/font/sans";
import "./globals.css";

/**
 * The last resort: the root layout itself failed, so nothing else (providers, header, theme) is
 * there. Plain markup, the brand colours, a retry and a link home.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="bg-background text-foreground flex min-h-screen items-center justify-center font-sans antialiased">
        <main role="alert" className="flex max-w-md flex-col items-center gap-4 px-4 text-center" data-testid="global-error">
          <span className="flex size-10 items-center justify-center rounded-xl bg-gradient-to-br from-orange-500 to-rose-600 text-lg font-bold text-white">F</span>
          <h1 className="text-xl font-semibold">Firedrill ran into a problem</h1>
          <p className="text-muted-foreground text-sm">
            The page could not be built. Try again; if it keeps happening, the server log has the details
            {error.digest ? ` under ${error.digest}` : ""}.
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => reset()} className="bg-primary text-primary-foreground h-9 rounded-md px-4 text-sm font-medium">
              Try again
            </button>
            {/* A full page load: the app's client state is what failed. */}
            <a href="/board" className="h-9 rounded-md border px-4 text-sm leading-9 font-medium">
              Go to the board
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
