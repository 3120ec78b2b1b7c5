import pino from "pino";
import { env } from "@/env";

const root = pino({
  level: env().LOG_LEVEL ?? (env().NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
});

/** A logger with a module context, e.g. `logger("intake")`. */
export function logger(module: string) {
  return root.child({ module });
}
