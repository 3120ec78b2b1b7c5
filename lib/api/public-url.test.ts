import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { publicOrigin } from "./public-url";

// A first visit: no guest cookie yet; the cookie it gets is not what this test looks at.
vi.mock("@/lib/api/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/api/session")>()),
  readCredentials: async () => ({ userId: null, guest: null }),
  guestCookie: () => ({ name: "fd_guest", value: "signed", httpOnly: true, path: "/" }),
}));

import { GET as demoGuest } from "@/app/api/auth/demo-guest/route";

// `next start` hands route handlers a request.url on the address it listens on (localhost:<port>),
// whatever host the visitor used: redirects must not be built from it.
const listening = "http://localhost:3000";

beforeEach(() => {
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
});

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
});

describe("redirects use the public origin", () => {
  it("sends a demo visitor who came by another host back to that host, not to localhost", async () => {
    const res = await demoGuest(new Request(`${listening}/api/auth/demo-guest?next=/demo/incidents`, { headers: { host: "firedrill.example.com" } }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://firedrill.example.com/demo/incidents");
    expect(res.headers.get("set-cookie")).toMatch(/^fd_guest=signed/);
  });

  it("behind a proxy, follows X-Forwarded-Host and X-Forwarded-Proto", async () => {
    const res = await demoGuest(
      new Request(`${listening}/api/auth/demo-guest`, { headers: { host: "10.0.0.7:3000", "x-forwarded-host": "status.example.org", "x-forwarded-proto": "https" } }),
    );
    expect(res.headers.get("location")).toBe("https://status.example.org/demo");
  });

  it("prefers the configured public URL (NEXTAUTH_URL) when there is one", async () => {
    process.env.NEXTAUTH_URL = "https://ops.example.net/";
    resetEnvCache();
    const res = await demoGuest(new Request(`${listening}/api/auth/demo-guest`, { headers: { host: "firedrill.example.com" } }));
    expect(res.headers.get("location")).toBe("https://ops.example.net/demo");
  });

  it("never redirects outside the demo, and ignores a malformed Host", async () => {
    const res = await demoGuest(new Request(`${listening}/api/auth/demo-guest?next=https://evil.example/`, { headers: { host: "firedrill.example.com" } }));
    expect(res.headers.get("location")).toBe("http://firedrill.example.com/demo");
    expect(publicOrigin(new Request(`${listening}/x`, { headers: { host: "evil.example/path?" } }))).toBe(listening);
  });
});
