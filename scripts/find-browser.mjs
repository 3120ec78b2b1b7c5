// Finds a Chromium for Playwright: its own download, else a system Chromium, else installs one
// (apt when running as root on Debian, otherwise `npx playwright install chromium`), saying what it does.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const systemCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

async function playwrightOwn() {
  try {
    const { chromium } = await import("@playwright/test");
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function system() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return systemCandidates.find((p) => existsSync(p));
}

export async function findBrowser() {
  const own = await playwrightOwn();
  if (own) return { path: undefined, label: `Playwright's Chromium (${own})` };
  const sys = system();
  if (sys) return { path: sys, label: `system Chromium (${sys})` };
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("[browser] no Chromium found: installing Debian's chromium with apt-get (running as root)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit", shell: "/bin/bash" });
  } else {
    console.log("[browser] no Chromium found: running `npx playwright install chromium`…");
    execSync("npx playwright install chromium", { stdio: "inherit" });
  }
  const again = (await playwrightOwn()) ?? system();
  if (!again) throw new Error("Could not find or install a Chromium for the end-to-end tests.");
  return { path: again === (await playwrightOwn()) ? undefined : again, label: again };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b = await findBrowser();
  console.log(`[browser] using ${b.label}`);
}
