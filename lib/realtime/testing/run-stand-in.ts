/**
 * Runs the Pusher stand-in on its own, to try the Pusher driver locally without a Pusher account:
 *   npx tsx lib/realtime/testing/run-stand-in.ts [port]
 * then start the app with PUSHER_APP_ID=local PUSHER_KEY=local-key PUSHER_SECRET=local-secret
 * PUSHER_CLUSTER=local PUSHER_HOST=127.0.0.1 PUSHER_PORT=<port>. Loopback only; for development and tests.
 */
import { startPusherStandIn } from "./pusher-stand-in";

const port = Number(process.argv[2] ?? 6001);
const standIn = await startPusherStandIn({ appId: "local", key: "local-key", secret: "local-secret", port });
process.stdout.write(`Pusher stand-in on ws://${standIn.host}:${standIn.port} (app local, key local-key)\n`);
const stop = () => void standIn.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
