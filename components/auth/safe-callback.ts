/** Only same-site paths: a callback URL from the query string must never send people elsewhere. */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/board"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}
