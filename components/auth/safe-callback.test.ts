import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

const resolve = (path: string) => new URL(path, "https://firedrill.example").origin;

describe("safeCallbackUrl", () => {
  it("keeps paths of this site with their query and hash", () => {
    expect(safeCallbackUrl("/incidents/42?tab=events#top")).toBe("/incidents/42?tab=events#top");
    expect(safeCallbackUrl("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
  });

  it("falls back for other sites, however they are spelled", () => {
    for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n\\evil.example", "javascript:alert(1)"]) {
      const safe = safeCallbackUrl(evil);
      expect(safe, JSON.stringify(evil)).toBe("/board");
      expect(resolve(safe)).toBe("https://firedrill.example");
    }
  });

  it("uses the fallback when nothing usable is given", () => {
    expect(safeCallbackUrl(undefined, "/new-workspace")).toBe("/new-workspace");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/a");
  });
});
