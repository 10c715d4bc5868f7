// Every knob of the server, parsed once from the environment with defaults. Nothing else reads env.
import { z } from "zod";
import path from "node:path";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());
const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const configSchema = z.object({
  PORT: intFrom(2567, 0, 65535),
  HOST: z.string().default("0.0.0.0"),
  /** Where clients reach this process, e.g. `lounge-1.example.com:2567`; needed with several processes. */
  PUBLIC_ADDRESS: z.string().optional(),
  /** postgres://… to use a Postgres server; unset → embedded Postgres (PGlite) under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** redis://… to share presence and matchmaking between processes; unset → in-process. */
  REDIS_URL: optionalUrl,
  DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seconds a dropped client may take to reconnect and keep its seat. */
  RECONNECT_SECONDS: intFrom(30, 0, 3600),
  /** Chat messages kept in room state; older ones are paged over HTTP. */
  CHAT_STATE_SIZE: intFrom(50, 1, 500),
  CHAT_BURST: intFrom(5, 1, 1000),
  CHAT_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
  /** Seconds after which a typing indicator clears by itself. */
  TYPING_TIMEOUT_SECONDS: intFrom(5, 1, 60),
  PATCH_RATE_MS: intFrom(50, 10, 1000),
  /** Where uploaded and linked tracks are stored; default DATA_DIR/tracks. Share it between processes. */
  TRACKS_DIR: z.string().optional(),
  /** Largest track accepted by upload or URL, in MiB. */
  TRACK_MAX_MB: intFrom(20, 1, 500),
  /** Longest track accepted, in minutes. */
  TRACK_MAX_MINUTES: intFrom(20, 1, 240),
  /** Tracks one address may add at once; after that, one every 20 seconds. */
  TRACK_ADD_BURST: intFrom(5, 1, 10000),
  /** Allow adding tracks from URLs on private or loopback addresses (off: guards against SSRF). */
  TRACK_URL_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Messages per second above which a client is disconnected as abusive (not merely refused). */
  ABUSE_MESSAGES_PER_SECOND: intFrom(60, 5, 10000),
});

export type Config = z.infer<typeof configSchema> & { pgliteDir: string; tracksDir: string };

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration in the environment:\n${lines}\nFix these variables (see the README's configuration table) and start again.`);
  }
  return {
    ...result.data,
    pgliteDir: path.join(result.data.DATA_DIR, "pglite"),
    tracksDir: result.data.TRACKS_DIR ?? path.join(result.data.DATA_DIR, "tracks"),
  };
}
