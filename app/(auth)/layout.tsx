import Link from "next/link";
import { Flame } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="bg-muted/40 flex min-h-screen flex-col items-center justify-center gap-6 p-6">
      <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
        <Flame className="text-orange-500" /> Firedrill
      </Link>
      <div className="w-full max-w-sm">{children}</div>
      <p className="text-muted-foreground text-center text-sm">
        Just looking? <Link href="/demo" className="underline underline-offset-4">Try the live demo</Link> — no account needed.
      </p>
    </div>
  );
}
