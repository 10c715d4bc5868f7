// Every knob of the server, parsed once from the environment with defaults. Nothing else reads env.
import { z } from "zod";
import path from "node:path";
import { mapIds, defaultMapId } from "../shared/maps/index.ts";
import { defaultPgliteSettings } from "./db/pglite.ts";

const iceServersSchema = z.array(z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
})).max(16);

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
  /** Embedded database only: Postgres' page cache inside PGlite's memory (README, "Memory"). */
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, "use a size such as 8MB or 64MB").default(defaultPgliteSettings.sharedBuffers),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * With Redis: how often (ms) each process looks for processes that died without shutting down
   * (kill -9) and releases their lounges, so they open again elsewhere; 0 leaves it to Colyseus.
   */
  DEAD_PROCESS_CHECK_MS: intFrom(500, 0, 60_000),
  /** Seconds a dropped client may take to reconnect and keep its seat. */
  RECONNECT_SECONDS: intFrom(30, 0, 3600),
  /** Recent chat messages a lounge keeps and sends each joiner; older ones are paged over HTTP. */
  CHAT_STATE_SIZE: intFrom(50, 1, 500),
  /** Most chat messages stored with one INSERT (the process's write-behind queue). */
  CHAT_WRITE_BATCH_ROWS: intFrom(200, 1, 5000),
  /**
   * Milliseconds a chat message waits for others to share its INSERT; 0 (the default) writes it at
   * once, and what arrives while that INSERT is under way shares the next one. On a busy process
   * each wait is also a turn of the event loop, which is what a message's latency is made of.
   */
  CHAT_WRITE_DELAY_MS: intFrom(0, 0, 1000),
  CHAT_BURST: intFrom(5, 1, 1000),
  CHAT_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
  /** Seconds after which a typing indicator clears by itself. */
  TYPING_TIMEOUT_SECONDS: intFrom(5, 1, 60),
  PATCH_RATE_MS: intFrom(50, 10, 1000),
  /** Seconds a client has to send a request's headers; then the connection is closed (408). */
  HTTP_HEADERS_TIMEOUT_SECONDS: intFrom(10, 1, 600),
  /** Seconds a client has to send a whole request, body included (a track upload on a slow link). */
  HTTP_REQUEST_TIMEOUT_SECONDS: intFrom(120, 1, 3600),
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
  /**
   * Mods to load, comma-separated module paths (relative to the working directory) or package
   * names; each default-exports a LoungeMod that registers its Room types (docs/modding.md).
   */
  LOUNGE_MODS: z.string().default("").transform((v) => v.split(",").map((m) => m.trim()).filter(Boolean)),
  /** How long a bot at a card table waits before its move (ms), so people can follow the game. */
  TABLE_BOT_DELAY_MS: intFrom(800, 0, 60_000),
  /** A guest's ban also refuses other guests from the same address (signed-in people are not affected). */
  BAN_GUESTS_BY_ADDRESS: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /**
   * ICE servers for voice, as JSON: `[{"urls":"stun:…"},{"urls":"turn:…","username":"…","credential":"…"}]`.
   * Sent only to people in a lounge who join its voice. The default is a public STUN server.
   */
  ICE_SERVERS: z.string().default('[{"urls":"stun:stun.l.google.com:19302"}]').transform((raw, ctx) => {
    try {
      return iceServersSchema.parse(JSON.parse(raw));
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `ICE_SERVERS must be a JSON array of {urls, username?, credential?}: ${err instanceof Error ? err.message.slice(0, 200) : "invalid"}` });
      return z.NEVER;
    }
  }),
  /**
   * TURN with short-lived credentials (coturn's `use-auth-secret`, the "TURN REST API"): the TURN
   * URLs, comma-separated, and the secret shared with the TURN server. Each `voice:join` gets a
   * username and password of its own that expire after TURN_TTL_SECONDS, so a credential that
   * leaks stops working and nobody gets a standing key to the relay.
   */
  TURN_URLS: z.string().default("").transform((v) => v.split(",").map((u) => u.trim()).filter(Boolean)),
  TURN_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "TURN_SECRET must be at least 16 characters").optional()),
  TURN_TTL_SECONDS: intFrom(3600, 60, 7 * 86_400),
  /**
   * Usernames of the server's operators, comma-separated (case does not matter): signed in, they
   * see /operator (processes, lounges, people). Unset: nobody does.
   */
  OPERATORS: z.string().default("").transform((v) => v.split(",").map((u) => u.trim().toLowerCase()).filter(Boolean)),
  /** Turns GET /metrics on, for requests with `Authorization: Bearer <METRICS_TOKEN>`; unset, it is off. */
  METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
  /** On a database with no lounge at all, create one public lounge so the first visitor has a place to walk into. */
  DEFAULT_LOUNGE: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  DEFAULT_LOUNGE_NAME: z.string().trim().min(1).max(48).default("The Lounge"),
  DEFAULT_LOUNGE_MAP: z.enum(mapIds).default(defaultMapId),
  /** Seconds a seat reserved by matchmaking waits for its client to connect (Colyseus' default is 15). */
  SEAT_RESERVATION_SECONDS: intFrom(5, 1, 60),
  /** Seats one address may hold reserved but not yet taken, at once. */
  MAX_OPEN_RESERVATIONS: intFrom(3, 1, 1000),
  /** Seconds a client disconnected for flooding must wait before it may join again. */
  ABUSE_PENALTY_SECONDS: intFrom(30, 0, 86_400),
  /**
   * Messages per second above which a client is cut off as abusive. Above the sum of what the
   * features allow a person at once (voice signalling to six peers while walking and chatting),
   * so only a flood reaches it; each feature's own limits refuse excess politely before that.
   */
  ABUSE_MESSAGES_PER_SECOND: intFrom(150, 5, 10000),
  /** Days a sign-in lasts without use; it slides forward when used with less than SESSION_RENEW_DAYS left. */
  SESSION_DAYS: intFrom(30, 1, 365),
  SESSION_RENEW_DAYS: intFrom(15, 0, 365),
  /** Session cookie `Secure` flag: "auto" sets it when the request came over HTTPS (see TRUST_PROXY). */
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  /**
   * Express "trust proxy": "false", "true", a hop count, or addresses/subnets ("loopback", "10.0.0.0/8").
   * Set it behind a proxy so client addresses (login limits) and HTTPS (Secure cookies) are seen right.
   */
  TRUST_PROXY: z.string().default("false"),
  /** Extra origins allowed to make state-changing API requests, comma-separated (e.g. a dev server). */
  ALLOWED_ORIGINS: z.string().default("").transform((v) => v.split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean)),
  /** Sign-in attempts per client address: a burst, then this many per minute. */
  LOGIN_IP_BURST: intFrom(20, 1, 100000),
  LOGIN_IP_PER_MINUTE: intFrom(10, 1, 100000),
  /** Sign-in attempts per username from one address (or one known device): a burst, then this many per minute. */
  LOGIN_USER_BURST: intFrom(5, 1, 100000),
  LOGIN_USER_PER_MINUTE: intFrom(2, 1, 100000),
  /** Sign-in attempts per username from all addresses together, known devices aside. */
  LOGIN_USER_ALL_BURST: intFrom(20, 1, 100000),
  LOGIN_USER_ALL_PER_MINUTE: intFrom(4, 1, 100000),
  /**
   * Signs "known device" cookies (at least 32 characters; the same on every process). Unset: a
   * random key per process, so devices are known to it until it restarts.
   */
  DEVICE_KEY: z.string().min(32, "use at least 32 random characters").optional(),
  /** Accounts one address may register: a burst, then this many per hour. */
  REGISTER_IP_BURST: intFrom(10, 1, 100000),
  REGISTER_IP_PER_HOUR: intFrom(20, 1, 100000),
  /** Lounges one address may create: a burst, then this many per hour. */
  LOUNGE_CREATE_IP_BURST: intFrom(20, 1, 100000),
  LOUNGE_CREATE_IP_PER_HOUR: intFrom(20, 1, 100000),
  /** Lounges one account may create (from any address): a burst, then this many per hour. */
  LOUNGE_CREATE_USER_BURST: intFrom(10, 1, 100000),
  LOUNGE_CREATE_USER_PER_HOUR: intFrom(10, 1, 100000),
});

export type Config = z.infer<typeof configSchema> & { pgliteDir: string; tracksDir: string };

/** TRUST_PROXY as express wants it: a boolean, a hop count, or the address list as given. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false" || value === "") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.refine((c) => c.HTTP_HEADERS_TIMEOUT_SECONDS <= c.HTTP_REQUEST_TIMEOUT_SECONDS, {
    path: ["HTTP_HEADERS_TIMEOUT_SECONDS"], message: "must not exceed HTTP_REQUEST_TIMEOUT_SECONDS",
  }).safeParse(env);
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
