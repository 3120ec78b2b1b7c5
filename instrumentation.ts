/**
 * Runs once when a server instance starts (not during `next build`): opens the database so
 * migrations and the first-start seed happen before the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  await startServer();
}
