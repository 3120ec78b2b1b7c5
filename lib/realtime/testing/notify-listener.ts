/**
 * A second "app instance" for the fan-out test: runs the PostgreSQL driver in its own process and
 * prints every message it hears as one JSON line ("ready" first). Usage:
 *   node --import tsx lib/realtime/testing/notify-listener.ts <database url> <channel>
 */
import { EventEmitter } from "node:events";
import { createNotifyDriver } from "../builtin/notify-driver";
import { busEvents } from "../driver";

const [url, channel] = process.argv.slice(2);
const bus = new EventEmitter();
bus.on(busEvents.message, (m) => process.stdout.write(`${JSON.stringify({ kind: "message", message: m })}\n`));
const driver = await createNotifyDriver(url, { channel, bus });
process.stdout.write(`${JSON.stringify({ kind: "ready" })}\n`);
process.stdin.resume();
// The parent closes stdin to stop this instance.
process.stdin.on("end", () => void driver.close().then(() => process.exit(0)));
