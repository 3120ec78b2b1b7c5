const BASE = "http://callback.invalid";

/** Only same-site paths: a callback URL from the query string must never send people elsewhere. */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/board"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.example" is "//evil.example":
  // judge the path the way the browser will resolve it.
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
