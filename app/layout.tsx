import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { Providers } from "@/components/providers";
import { NavigationProgress } from "@/components/app-shell/navigation-progress";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Firedrill", template: "%s · Firedrill" },
  description: "Incident response and drills in one place: alerts from your monitoring tools, a live incident board, streamed AI diagnosis, and practice drills on a simulated system.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans antialiased">
        <NavigationProgress />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
