// Fixtures for accounts: real HTTP against the test server (register, sign in), and SDK clients
// that join as a signed-in person by cookie, bearer token or join option.
import { randomBytes } from "node:crypto";
import { ColyseusSDK } from "@colyseus/sdk";
import { testServer } from "./server.ts";
import type { LoungeClient } from "./lounges.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { UserDto } from "../../shared/accounts.ts";
import type { JoinOptions } from "../../shared/protocol.ts";
import { recordChat } from "./chat-log.ts";

/** Parsed JSON as tests read it (JSON.parse's own type). */
type Json = ReturnType<typeof JSON.parse>;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  /** Set-Cookie headers as name → { value, attributes (lower-cased) }. */
  cookies: Map<string, { value: string; attributes: string }>;
}

export interface ApiInit {
  method?: string;
  json?: unknown;
  /** Sent as the Cookie header. */
  cookie?: string;
  /** Sent as X-Forwarded-For: the client address the server sees (it trusts loopback proxies). */
  ip?: string;
  headers?: Record<string, string>;
}

/** A random documentation-range address, so each test's sign-in limits are its own. */
export function randomIp(): string {
  const b = randomBytes(2);
  return `198.51.${b[0]}.${b[1]}`;
}

export function uniqueName(prefix = "u"): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

export async function api<T = Json>(path: string, init: ApiInit = {}): Promise<ApiResponse<T>> {
  const { baseUrl } = await testServer();
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = init.cookie;
  // Creating a lounge counts against the sender's address (100 a run on the test server): a test
  // that does not say where it comes from gets an address of its own, so loopback's budget is not
  // shared by the whole suite. (Tests of that limit pass their own.)
  const ip = init.ip ?? (path === "/api/lounges" && init.json !== undefined && (init.method ?? "POST") === "POST" ? randomIp() : undefined);
  if (ip) headers["x-forwarded-for"] = ip;
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.json !== undefined ? "POST" : "GET"),
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const text = await res.text();
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    cookies.set(pair.slice(0, eq).trim(), { value: decodeURIComponent(pair.slice(eq + 1).trim()), attributes: attrs.join(";").toLowerCase() });
  }
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, cookies };
}

export interface Account {
  user: UserDto;
  username: string;
  password: string;
  token: string;
  /** The Cookie header a browser would send. */
  cookie: string;
}

export async function register(opts: { username?: string; password?: string; displayName?: string; avatar?: string } = {}): Promise<Account> {
  const username = opts.username ?? uniqueName();
  const password = opts.password ?? "correct horse battery";
  const res = await api("/api/auth/register", { json: { username, password, displayName: opts.displayName, avatar: opts.avatar }, ip: randomIp() });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.cookies.get("chill_session")?.value;
  if (!token) throw new Error("register set no session cookie");
  return { user: res.body.user, username, password, token, cookie: `chill_session=${token}` };
}

/** The test server's operator (OPERATORS in test/support/server.ts), signed in afresh: registered by the first caller. */
export async function signInOperator(): Promise<Account> {
  const username = "test_operator";
  const password = "operator horse battery";
  const created = await api("/api/auth/register", { json: { username, password, displayName: "Olga Operator" }, ip: randomIp() });
  const res = created.status === 409 ? await api("/api/auth/login", { json: { username, password }, ip: randomIp() }) : created;
  const token = res.cookies.get("chill_session")?.value;
  if (!token) throw new Error(`operator sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { user: res.body.user, username, password, token, cookie: `chill_session=${token}` };
}

export type JoinAuth =
  | { cookie: string; origin?: string }
  | { bearer: string }
  | { sessionToken: string }
  | Record<string, never>;

/** Joins a lounge through matchmaking over HTTP, authenticated the way `how` says. */
export async function joinWith(loungeId: string, how: JoinAuth, options: Partial<JoinOptions> = {}): Promise<LoungeClient> {
  const { baseUrl } = await testServer();
  // Each join comes from an address of its own (through the tests' trusted loopback "proxy"), as
  // people do: a guest banned by address in one test must not shut out every other test's guests.
  const address = { "x-forwarded-for": randomIp() };
  const sdk = new ColyseusSDK(baseUrl, { headers: "cookie" in how ? { ...address, cookie: how.cookie, ...(how.origin ? { origin: how.origin } : {}) } : address });
  if ("bearer" in how) sdk.auth.token = how.bearer;
  const joinOptions: Partial<JoinOptions> = { loungeId, ...options };
  if ("sessionToken" in how) joinOptions.sessionToken = how.sessionToken;
  const room = await sdk.joinOrCreate<LoungeState>("lounge", joinOptions);
  // Tests that care listen for it themselves; this keeps the SDK from warning about the rest.
  room.onMessage("moderated", () => {});
  recordChat(room);
  await room.waitForInitialState();
  return room as LoungeClient;
}

/** Resolves with the close code when the room's connection ends. */
export function leaveCode(room: LoungeClient, timeout = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not disconnected within ${timeout} ms`)), timeout);
    room.onLeave((code: number) => { clearTimeout(timer); resolve(code); });
  });
}
